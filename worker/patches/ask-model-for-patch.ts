/** An OpenAI-compatible chat model (LLM_BASE_URL, e.g. https://api.openai.com/v1 or a local server). */
export type ChatModel = { complete(messages: { role: "system" | "user"; content: string }[]): Promise<string> };

export type ChatModelOptions = { baseUrl: string; apiKey?: string; model?: string; fetch?: typeof fetch; timeoutMs?: number };

/** POST {baseUrl}/chat/completions; the answer's text, or a clear error. */
export function openAiCompatibleModel(options: ChatModelOptions): ChatModel {
  return {
    async complete(messages) {
      const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
      let response: Response;
      try {
        response = await (options.fetch ?? fetch)(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify({ model: options.model ?? "gpt-4o-mini", temperature: 0, messages }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
        });
      } catch (error) {
        throw new Error(`fixforward: the model at ${url} did not answer: ${(error as Error).message}`);
      }
      if (!response.ok) throw new Error(`fixforward: the model at ${url} answered ${response.status}: ${(await response.text().catch(() => "")).slice(0, 200)}`);
      const body = (await response.json().catch(() => null)) as { choices?: { message?: { content?: string | null } }[] } | null;
      const content = body?.choices?.[0]?.message?.content;
      if (typeof content !== "string") throw new Error("fixforward: the model's answer had no choices[0].message.content");
      return content;
    },
  };
}

/** The diff in a model's answer: a ```diff fence if there is one, else the text from the first "--- ". */
export function extractDiff(answer: string): string | null {
  const fenced = /```(?:diff|patch)?\s*\n([\s\S]*?)```/.exec(answer);
  const text = fenced ? fenced[1]! : answer.slice(Math.max(0, answer.indexOf("--- ")));
  return /^--- /m.test(text) && /^@@ /m.test(text) ? text : null;
}
