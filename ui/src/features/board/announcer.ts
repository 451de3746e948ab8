/**
 * Call announcements: each call's voice clips played one after another, calls in the order they came.
 *
 * The clips are WAV files bundled with the UI (`ui/public/voice/th/`, made by `scripts/make-voice-clips`,
 * replaceable by an office's own recordings); their names come from core with each call. A clip that cannot
 * play (missing file, no sound device, autoplay refused) is logged and skipped: an announcement never blocks
 * the board or the calls after it.
 */

/** Where the clips are served from (Vite copies `ui/public/` to the root of `ui/dist`). */
export const VOICE_BASE = '/voice/th/';

/** The clip every announcement starts with. */
export const CHIME = 'chime';

/** A clip longer than this is cut short, so a player that never reports its end cannot stall the queue. */
const CLIP_TIMEOUT_MS = 10_000;

/** Plays clip `name` to its end; rejects when it cannot play. */
export type PlayClip = (name: string) => Promise<void>;

/**
 * Plays a bundled clip with an `HTMLAudioElement`, from a `blob:` URL of the clip's bytes: WebKitGTK (the
 * Linux webview) cannot stream media from Tauri's own `tauri://` scheme (tauri-apps/tauri#3725), but plays
 * the same bytes from a blob. Needs the CSP to allow `connect-src 'self'` and `media-src 'self' blob:`; if
 * the bytes cannot be fetched, the clip's own URL is tried (that works on Windows, macOS and in a browser).
 */
export const playClip: PlayClip = async (name) => {
  const src = await clipSource(name);
  await new Promise<void>((resolve, reject) => {
    const audio = new Audio(src);
    const timer = setTimeout(() => {
      audio.pause();
      resolve();
    }, CLIP_TIMEOUT_MS);
    const done = (err?: unknown) => {
      clearTimeout(timer);
      if (err === undefined) resolve();
      else reject(err instanceof Error ? err : new Error(`voice clip ${name} could not play`));
    };
    audio.addEventListener('ended', () => done(), { once: true });
    audio.addEventListener('error', () => done(new Error(`voice clip ${name} could not load`)), { once: true });
    audio.play().catch(done);
  });
};

/** Each clip's playable URL, fetched once per page. */
const sources = new Map<string, Promise<string>>();

function clipSource(name: string): Promise<string> {
  const url = `${VOICE_BASE}${name}.wav`;
  let source = sources.get(name);
  if (!source) {
    source = fetch(url)
      .then((res) => {
        if (!res.ok) throw new Error(`voice clip ${name}: HTTP ${String(res.status)}`);
        return res.blob();
      })
      .then((blob) => URL.createObjectURL(blob))
      .catch((err: unknown) => {
        console.warn(`board: voice clip "${name}" could not be fetched; trying its URL`, err);
        return url;
      });
    sources.set(name, source);
  }
  return source;
}

/** The clips of an announcement: the call's own, starting with the chime. */
export function withChime(voice: readonly string[]): string[] {
  return voice[0] === CHIME ? [...voice] : [CHIME, ...voice];
}

export type Announcer<T> = {
  /** Queues an announcement of `item` with `clips`; it plays after those already queued. */
  enqueue: (item: T, clips: readonly string[]) => void;
  /** Stops after the clip that is playing; drops what is queued. */
  dispose: () => void;
};

export type AnnouncerHooks<T> = {
  play: PlayClip;
  /** An announcement starts. */
  onStart?: (item: T, clips: readonly string[]) => void;
  /** An announcement ended (played or skipped). */
  onEnd?: (item: T) => void;
  /** The webview refused to play sound before a user gesture (`NotAllowedError`). */
  onBlocked?: () => void;
};

/** A queue that plays announcements one at a time, each clip after the previous one ended. */
export function createAnnouncer<T>({ play, onStart, onEnd, onBlocked }: AnnouncerHooks<T>): Announcer<T> {
  const queue: { item: T; clips: readonly string[] }[] = [];
  let running = false;
  let disposed = false;
  // Read through a function: `dispose` may run while a clip plays, which narrowing cannot see.
  const stopped = () => disposed;

  const drain = async () => {
    running = true;
    for (let next = queue.shift(); next && !stopped(); next = queue.shift()) {
      onStart?.(next.item, next.clips);
      for (const clip of next.clips) {
        if (stopped()) break;
        try {
          await play(clip);
        } catch (err) {
          console.warn(`board: voice clip "${clip}" did not play`, err);
          if (err instanceof Error && err.name === 'NotAllowedError') onBlocked?.();
        }
      }
      onEnd?.(next.item);
    }
    running = false;
  };

  return {
    enqueue(item, clips) {
      if (disposed) return;
      queue.push({ item, clips });
      if (!running) void drain();
    },
    dispose() {
      disposed = true;
      queue.length = 0;
    },
  };
}
