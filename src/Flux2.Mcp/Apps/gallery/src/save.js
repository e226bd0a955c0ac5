// Save: hands an image to the user through the host. In order of preference: the host's ui/download-file with the image's
// bytes (ext-apps downloadFile), the host's ui/open-link to the provider's URL while it is valid, and last the server's
// download_image (a file in the server's output folder). An image the server already saved is not saved again there: the
// card says where it is.

/** How this host lets the view save an image: "download", "link", "server" or null (no way at all). */
export function saveRoute(app, image) {
  const host = app.getHostCapabilities() ?? {};
  if (host.downloadFile) {
    return "download";
  }
  if (host.openLinks && openableUrl(image)) {
    return "link";
  }
  if (!image.path && host.serverTools) {
    return "server";
  }
  return null;
}

/** A file name for the user's machine: the server's own file name, else flux2-{prompt words}-{seed}.{extension}. */
export function fileName(image, prompt, seed) {
  const serverName = image.path?.split(/[\\/]/).pop();
  if (serverName) {
    return serverName;
  }
  const words = (prompt ?? "image").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
  const extension = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" }[image.content_type] ?? "png";
  return `flux2-${words || "image"}${seed != null ? `-${seed}` : ""}.${extension}`;
}

/**
 * Saves once through the chosen route and says what happened as { text, tone }: tone "ok" when the image reached the
 * user (or is on the server), "" when the host or the user declined (not an error: nothing went wrong). Throws only when
 * the host could not be reached or the server call failed.
 */
export async function saveImage(app, image, name, readBytes, callTool) {
  switch (saveRoute(app, image)) {
    case "download": {
      const data = await readBytes();
      const content = data
        ? { type: "resource", resource: { uri: `file:///${encodeURIComponent(name)}`, mimeType: data.mimeType, blob: data.blob } }
        : { type: "resource_link", uri: openableUrl(image) ?? image.uri, name, mimeType: image.content_type };
      const { isError } = await app.downloadFile({ contents: [content] });
      return isError
        ? { text: `The host did not download ${name} (declined or cancelled).`, tone: "" }
        : { text: `Downloaded ${name}`, tone: "ok" };
    }
    case "link": {
      const { isError } = await app.openLink({ url: openableUrl(image) });
      return isError
        ? { text: "The host did not open the image's link (declined or blocked).", tone: "" }
        : { text: "Opened the image in your browser: save it from there (the link expires).", tone: "ok" };
    }
    case "server": {
      const result = await callTool("download_image", { url: image.uri });
      const path = result.structuredContent?.path;
      if (!path) {
        // A server for remote users keeps no files: the image stays readable as its flux2://images/{id}.
        const note = result.structuredContent?.note ?? "this server keeps no files for you";
        return { text: `Not saved as a file (${note}); the image is ${image.uri}.`, tone: "" };
      }
      image.path = path;
      return { text: `Saved on the server at ${path}`, tone: "ok", path };
    }
    default:
      return { text: `This host offers no way to save from the view; the image is ${image.uri}.`, tone: "" };
  }
}

/** The image's provider URL when it is http(s) and has not expired. */
function openableUrl(image) {
  if (!/^https?:\/\//i.test(image.url ?? "")) {
    return null;
  }
  const expires = Date.parse(image.url_expires_at ?? "");
  return Number.isFinite(expires) && expires <= Date.now() ? null : image.url;
}
