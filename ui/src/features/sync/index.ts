export { SyncArea } from './SyncArea';
