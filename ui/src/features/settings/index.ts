export { SettingsArea } from './SettingsArea';
