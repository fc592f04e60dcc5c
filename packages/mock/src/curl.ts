/** One `curl` request from a provider's docs. */
export interface CurlRequest {
  /** The `# source:` comment above the command, naming the docs page. */
  readonly source: string;
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string | undefined;
}

/**
 * Parses the `curl` commands of a docs-examples file: line continuations, single and double
 * quotes, trailing `# comments`, and the flags the providers' docs use (-X, -H, -d and their long
 * forms). Anything else is an error, so an example can never be replayed half-understood.
 */
export function parseCurlExamples(text: string): CurlRequest[] {
  const requests: CurlRequest[] = [];
  for (const { tokens, comments } of splitCommands(text)) {
    if (tokens[0] !== "curl") continue;
    const source = comments
      .map((comment) => /^#\s*source:\s*(.+)$/.exec(comment)?.[1])
      .filter((found) => found !== undefined)
      .at(-1);
    requests.push(parseCurl(tokens, source ?? "unnamed example"));
  }
  return requests;
}

interface ShellCommand {
  readonly tokens: string[];
  /** Whole-line comments seen since the previous command. */
  readonly comments: string[];
}

// Enough of the POSIX shell grammar for documentation snippets: quotes may span lines,
// a backslash-newline continues a command, and a `#` that starts a word begins a comment.
function splitCommands(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let tokens: string[] = [];
  let comments: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) tokens.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (tokens.length > 0) {
      commands.push({ tokens, comments });
      comments = [];
    }
    tokens = [];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === "\\" && text[i + 1] === "\n") {
      i++;
    } else if (char === "'" || char === '"') {
      const end = text.indexOf(char, i + 1);
      if (end === -1) throw new Error(`Unclosed ${char} quote at offset ${i}`);
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (char === "#" && word === undefined) {
      const end = text.indexOf("\n", i);
      const comment = text.slice(i, end === -1 ? text.length : end).trim();
      if (tokens.length === 0) comments.push(comment);
      i = (end === -1 ? text.length : end) - 1;
    } else if (char === "\n") {
      endCommand();
    } else if (/\s/.test(char)) {
      endWord();
    } else {
      word = (word ?? "") + char;
    }
  }
  endCommand();
  return commands;
}

function parseCurl(tokens: string[], source: string): CurlRequest {
  let method: string | undefined;
  let url: string | undefined;
  let body: string | undefined;
  const headers: [string, string][] = [];
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = (): string => {
      const value = tokens[++i];
      if (value === undefined) throw new Error(`${token} needs a value (${source})`);
      return value;
    };
    if (token === "-X" || token === "--request") method = next();
    else if (token === "-H" || token === "--header") {
      const header = next();
      const colon = header.indexOf(":");
      if (colon <= 0) throw new Error(`Malformed header "${header}" (${source})`);
      headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
    } else if (token === "-d" || token === "--data" || token === "--data-raw") body = next();
    else if (token.startsWith("-")) throw new Error(`Unsupported curl flag ${token} (${source})`);
    else if (url === undefined) url = token;
    else throw new Error(`Unexpected argument ${token} (${source})`);
  }
  if (url === undefined) throw new Error(`curl command without a URL (${source})`);
  return { source, method: method ?? (body === undefined ? "GET" : "POST"), url, headers, body };
}

/**
 * Sends a docs request to `baseUrl` instead of the provider's host, keeping path, headers and
 * body. `placeholders` fills URL placeholders such as `{account_id}`, which the docs mean to be
 * replaced; a placeholder without a value is sent as written (percent-encoded).
 */
export function replayCurl(
  request: CurlRequest,
  baseUrl: string,
  placeholders: Readonly<Record<string, string>> = {},
): Promise<Response> {
  const url = request.url.replace(/\{([A-Za-z_]+)\}/g, (match, name: string) => placeholders[name] ?? match);
  const documented = new URL(url);
  const target = `${baseUrl.replace(/\/+$/, "")}${documented.pathname}${documented.search}`;
  return fetch(target, {
    method: request.method,
    headers: request.headers.map(([name, value]): [string, string] => [name, value]),
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}
