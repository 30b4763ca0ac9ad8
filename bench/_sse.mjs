// Reads an SSE response body, calling onChunk for every chunk (arrival time) and onEvent for every
// `data:` frame, until the stream ends or is aborted. Shared by the benchmarks.
export async function readSse(body, { onEvent, onChunk = () => {} }) {
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for await (const chunk of body) {
      onChunk();
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split("\n").find((l) => l.startsWith("data: "));
        if (data) onEvent(JSON.parse(data.slice(6)));
      }
    }
  } catch {
    // aborted by the benchmark
  }
}
