const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8, or returns undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
