export { QueueArea } from './QueueArea';
