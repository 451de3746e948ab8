export { ReportsArea } from './ReportsArea';
