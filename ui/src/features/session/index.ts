export { ChangePasswordScreen } from './ChangePasswordScreen';
export { LockScreen } from './LockScreen';
export { MIN_PASSWORD_LENGTH, PasswordChangeForm } from './PasswordChangeForm';
export { SignInScreen } from './SignInScreen';
