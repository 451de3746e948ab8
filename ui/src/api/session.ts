/** Signing in and out, the locked screen, and the areas the signed-in user may open. */
import type { Action } from '../generated/Action';
import type { Area } from '../generated/Area';
import type { DemoAccount } from '../generated/DemoAccount';
import type { SessionState } from '../generated/SessionState';
import type { SessionView } from '../generated/SessionView';
import type { SignInScreen } from '../generated/SignInScreen';
import type { UserSummary } from '../generated/UserSummary';
import { call } from './call';

export { onSignInRequired, type SignInRequiredListener } from './call';
export type { Action, Area, DemoAccount, SessionState, SessionView, SignInScreen, UserSummary };

/** `get_sign_in_screen`: the office's name and logo, and the demo accounts (demo office only). No session needed. */
export function getSignInScreen(): Promise<SignInScreen> {
  return call<SignInScreen>('get_sign_in_screen');
}

/** `get_session`: who is signed in, or whose screen is locked (an idle session is locked on the way). */
export function getSession(): Promise<SessionState> {
  return call<SessionState>('get_session');
}

/**
 * `sign_in`: signs `username` in with `secret`, a password or a 6-digit PIN (one field takes either).
 * Rejects with `signInFailed` (wrong secret with the tries left, account locked for N minutes, inactive).
 */
export function signIn(username: string, secret: string): Promise<SessionView> {
  return call<SessionView>('sign_in', { username, secret });
}

/** `sign_out`: ends the session (audited). */
export function signOut(): Promise<void> {
  return call<null>('sign_out').then(() => undefined);
}

/** `lock_session`: locks the screen; the same user, or another, must sign in to go on. */
export function lockSession(): Promise<void> {
  return call<null>('lock_session').then(() => undefined);
}

/** `touch_session`: the user is at work (a key press or click); rejects with `signInRequired` once idle-locked. */
export function touchSession(): Promise<void> {
  return call<null>('touch_session').then(() => undefined);
}

/** `open_area`: the core's check when the user opens an area; rejects with `notPermitted`. */
export function openArea(area: Area): Promise<void> {
  return call<null>('open_area', { area }).then(() => undefined);
}
