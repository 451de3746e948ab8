export { Board } from './Board';
export { CustomerScreen } from './CustomerScreen';
export { displayView } from './displayView';
