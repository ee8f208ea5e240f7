// A real, small disk for a Chromium profile: a tmpfs mounted for the test, which the test can fill to the
// last few kilobytes so IndexedDB writes fail the way they do on a full disk (not a simulated quota error).
// Mounting needs root (CI runs as root); elsewhere `available()` says why the fault tests cannot run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point: put the profile under it. */
  dir: string;
  /** Bytes free on the disk now. */
  free(): number;
  /** Writes a filler file until only about `leaveBytes` are free. */
  fill(leaveBytes: number): void;
  /** Removes the filler: the disk has room again. */
  drain(): void;
  unmount(): void;
}

/** Why a tmpfs cannot be mounted here, or null when it can. */
export function smallDiskUnavailable(): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root (CI runs as root)';
  return null;
}

export function mountSmallDisk(megabytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]);
  const filler = join(dir, 'filler');
  const free = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    free,
    fill(leaveBytes) {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      try {
        while (free() > leaveBytes + chunk.length) writeSync(fd, chunk);
        const rest = free() - leaveBytes;
        if (rest > 0) writeSync(fd, chunk.subarray(0, rest));
      } finally {
        closeSync(fd);
      }
    },
    drain() {
      writeFileSync(filler, '');
      rmSync(filler, { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
