export { RequestsArea } from './RequestsArea';
