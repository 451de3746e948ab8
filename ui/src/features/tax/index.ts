export { TaxArea } from './TaxArea';
