import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotatingLog } from '../../app/desktop/log-rotation.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the log file', () => {
  it('rotates into at most five files of the size limit, newest lines in tidings.log', () => {
    const file = join(dir, 'tidings.log');
    const write = rotatingLog(file, { maxBytes: 100, files: 5 });
    // 9 bytes a line with its newline: 11 lines fit in 100 bytes.
    for (let i = 0; i < 100; i++) write(`line ${String(i).padStart(3, '0')}`);
    expect(readdirSync(dir).sort()).toEqual([
      'tidings.1.log',
      'tidings.2.log',
      'tidings.3.log',
      'tidings.4.log',
      'tidings.log',
    ]);
    for (const name of readdirSync(dir))
      expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(100);
    expect(readFileSync(file, 'utf8').trim().split('\n').at(-1)).toBe('line 099');
    const oldest = readFileSync(join(dir, 'tidings.4.log'), 'utf8').trim().split('\n');
    const newestOfOlder = readFileSync(join(dir, 'tidings.1.log'), 'utf8').trim().split('\n');
    expect(oldest[0]! < newestOfOlder[0]!).toBe(true);
  });

  it('counts what the file already holds after a restart', () => {
    const file = join(dir, 'tidings.log');
    writeFileSync(file, 'x'.repeat(95) + '\n');
    rotatingLog(file, { maxBytes: 100 })('next line');
    expect(readFileSync(join(dir, 'tidings.1.log'), 'utf8')).toBe('x'.repeat(95) + '\n');
    expect(readFileSync(file, 'utf8')).toBe('next line\n');
  });
});
