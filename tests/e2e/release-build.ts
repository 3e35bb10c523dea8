/**
 * An earlier release of the extension, built from its commit once and kept under .release-builds/<commit>
 * (git-ignored), so a run builds it at most once and later runs reuse it. Its lockfile must match this
 * checkout's: the build then uses this checkout's node_modules instead of installing its own.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve('.');
const CACHE = join(ROOT, '.release-builds');

export interface ReleaseBuild {
  /** The built chrome-mv3 folder. */
  dir: string;
  /** Milliseconds spent building it in this run; 0 when it came from the cache. */
  builtInMs: number;
}

/** Whether this checkout holds `commit` (a shallow clone may not) or its build is already kept. */
export function releaseAvailable(commit: string): boolean {
  if (existsSync(join(CACHE, commit, 'chrome-mv3', 'manifest.json'))) return true;
  try {
    execFileSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function releaseBuild(commit: string): ReleaseBuild {
  const dir = join(CACHE, commit, 'chrome-mv3');
  if (existsSync(join(dir, 'manifest.json'))) return { dir, builtInMs: 0 };
  const started = Date.now();
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, `${commit}-src-`));
  try {
    const archive = execFileSync('git', ['archive', '--format=tar', commit], { cwd: ROOT, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', work], { input: archive });
    const lock = (path: string) => readFileSync(path, 'utf8');
    if (lock(join(work, 'package-lock.json')) !== lock(join(ROOT, 'package-lock.json'))) {
      throw new Error(`${commit}'s package-lock.json differs from this checkout's: install its own dependencies to build it`);
    }
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
    execFileSync('npx', ['wxt', 'build'], { cwd: work, stdio: 'pipe', env: { ...process.env, CI: '1' } });
    // Built aside and moved in whole: an interrupted build never looks like a finished one.
    const staged = join(work, 'staged');
    cpSync(join(work, '.output', 'chrome-mv3'), staged, { recursive: true });
    mkdirSync(join(CACHE, commit), { recursive: true });
    renameSync(staged, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { dir, builtInMs: Date.now() - started };
}
