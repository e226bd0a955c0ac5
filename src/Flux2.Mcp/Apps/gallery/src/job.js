// Follows a long generate_image job through its handle (docs/mcp.md, "Long jobs: tasks and job handles"): reads
// flux2://jobs/{id} through the host (resources/read) at once and then every poll_interval_ms, until the job document says
// completed (its result and the image blobs), failed or cancelled, or the server no longer knows the job.
import { message } from "./dom.js";

const MIN_POLL_MS = 250;
const MAX_POLL_MS = 60_000;
const DEFAULT_POLL_MS = 2_000;
const MAX_FAILED_READS = 3;

/**
 * Starts watching a job. Handlers: progress(document) while it works; completed(document, blobs) with blobs mapping each
 * image's flux2://images/{id} to { blob, mimeType }; ended(document) when failed or cancelled; gone(text) when the server
 * does not know the job (expired, or someone else's); unreachable(text, retry) when the host could not read it three
 * times in a row, with a function that starts over. Returns a function that stops watching.
 */
export function watchJob(app, handle, handlers) {
  let stopped = false;
  let timer;
  let failures = 0;
  let interval = clamp(handle.pollIntervalMs);

  async function read() {
    if (stopped) {
      return;
    }
    let document;
    let contents;
    try {
      const result = await app.readServerResource({ uri: handle.uri });
      contents = result.contents ?? [];
      document = JSON.parse(contents[0]?.text ?? "null");
      failures = 0;
    } catch (error) {
      if (stopped) {
        return;
      }
      failures += 1;
      if (isNotFound(error)) {
        handlers.gone(`The server no longer knows ${handle.uri} (expired, or started by someone else): ${message(error)}`);
        return;
      }
      if (failures >= MAX_FAILED_READS) {
        handlers.unreachable(`Could not read ${handle.uri} through the host: ${message(error)}`, restart);
        return;
      }
      timer = setTimeout(read, interval);
      return;
    }
    if (stopped) {
      return;
    }
    if (!document || typeof document !== "object") {
      handlers.unreachable(`${handle.uri} did not return a job document.`, restart);
      return;
    }
    interval = clamp(document.poll_interval_ms ?? interval);
    if (document.status === "completed") {
      const blobs = new Map();
      for (const content of contents.slice(1)) {
        if (content.uri && content.blob) {
          blobs.set(content.uri, { blob: content.blob, mimeType: content.mimeType });
        }
      }
      handlers.completed(document, blobs);
      return;
    }
    if (document.status === "failed" || document.status === "cancelled") {
      handlers.ended(document);
      return;
    }
    handlers.progress(document);
    timer = setTimeout(read, interval);
  }

  function restart() {
    failures = 0;
    clearTimeout(timer);
    read();
  }

  read();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** One line for a person about a job's progress: the phase, queue position and fraction where known. */
export function describeProgress(progress) {
  const percent = typeof progress?.fraction === "number" ? ` · ${Math.round(progress.fraction * 100)} %` : "";
  switch (progress?.status) {
    case "queued":
      return progress.queue_position == null ? "Queued"
        : progress.queue_position === 0 ? "Queued · next in line"
        : `Queued · ${progress.queue_position} ahead`;
    case "running":
      return `Generating${percent}`;
    case "completed":
      return "Fetching the images";
    case "waiting":
      return "Waiting for a free slot";
    case "retrying":
      return "Retrying";
    default:
      return "Submitted";
  }
}

/** Why a finished job has no images: the tool error of a failed job, or that it was cancelled. */
export function describeEnd(document) {
  if (document.status === "cancelled") {
    return `The job was cancelled${document.message ? `: ${document.message}` : "."}`;
  }
  const error = document.error;
  const text = error?.message ?? document.message ?? "the job failed";
  return `Not generated: ${error?.error ? `${error.error}: ` : ""}${text}`;
}

/** The server's "resource not found": -32002 (or -32602 as some SDKs send it); a host that passes on only the message still says "No job". */
function isNotFound(error) {
  return error?.code === -32002 || error?.code === -32602 || /\bno job\b|not found/i.test(message(error));
}

function clamp(milliseconds) {
  const value = Number(milliseconds);
  return Number.isFinite(value) ? Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, value)) : DEFAULT_POLL_MS;
}
