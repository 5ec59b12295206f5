// The access token: 32 random bytes as hex, kept in `<dataDir>/access-token` (mode 0600) and reused across starts.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** File name of the token inside the data folder. */
export const ACCESS_TOKEN_FILE = "access-token";

const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Returns the token stored in `<dataDir>/access-token`, creating the folder and a new token (32 random bytes, 64 hex
 * characters, file mode 0600) on first start or when the file does not hold a valid token. An existing file is
 * re-restricted to 0600.
 * @throws the file system error (with `path` set) when the folder cannot be created or the file cannot be read or
 *   written.
 */
export async function loadOrCreateAccessToken(dataDir: string): Promise<string> {
  const file = join(dataDir, ACCESS_TOKEN_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const existing = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    error.path ??= file; // a read of a folder (EISDIR) does not name it
    throw error;
  });
  const stored = existing?.trim();
  if (stored !== undefined && TOKEN_PATTERN.test(stored)) {
    await chmod(file, 0o600);
    return stored;
  }
  const token = randomBytes(32).toString("hex");
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return token;
}

/** Compares a presented token with the real one in constant time (for equal lengths). */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
