// Shared helpers for the sdk-*.mjs scripts: each runs one official provider SDK against the Flux2 simulator
// (base URL in argv[2]), asserts the shape of what it got back, prints one JSON line and exits 0 (pass) or 1 (fail).

export function baseUrl() {
  const base = process.argv[2];
  if (!base) {
    finish(false, { error: "usage: node sdk-<name>.mjs http://127.0.0.1:PORT/" });
  }
  return base.replace(/\/+$/, "");
}

export function assert(condition, message) {
  if (!condition) {
    throw new Error(`assertion failed: ${message}`);
  }
}

const signatures = {
  png: [0x89, 0x50, 0x4e, 0x47],
  jpeg: [0xff, 0xd8, 0xff],
  webp: [0x52, 0x49, 0x46, 0x46],
};

export function imageKind(bytes) {
  for (const [kind, sig] of Object.entries(signatures)) {
    if (sig.every((b, i) => bytes[i] === b)) {
      return kind;
    }
  }
  return null;
}

// Downloads an image URL (or decodes a data URI / base64 string) and returns { kind, bytes }.
export async function fetchImage(urlOrBase64) {
  let bytes;
  if (urlOrBase64.startsWith("data:")) {
    bytes = Buffer.from(urlOrBase64.slice(urlOrBase64.indexOf(",") + 1), "base64");
  } else if (/^https?:/.test(urlOrBase64)) {
    const response = await fetch(urlOrBase64, { headers: { "user-agent": "flux2-sdk-check/1.0" } });
    assert(response.ok, `GET ${urlOrBase64} answered ${response.status}`);
    bytes = Buffer.from(await response.arrayBuffer());
  } else {
    bytes = Buffer.from(urlOrBase64, "base64");
  }
  const kind = imageKind(bytes);
  assert(kind !== null, "downloaded bytes are not a PNG, JPEG or WebP image");
  return { kind, bytes: bytes.length };
}

export function finish(ok, details) {
  process.stdout.write(JSON.stringify({ ok, ...details }) + "\n");
  process.exit(ok ? 0 : 1);
}

export async function run(sdk, body) {
  const started = Date.now();
  try {
    const details = await body();
    finish(true, { sdk, ms: Date.now() - started, ...details });
  } catch (error) {
    finish(false, { sdk, ms: Date.now() - started, error: String(error?.stack ?? error), body: error?.body });
  }
}
