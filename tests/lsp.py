"""A small Language Server Protocol client (JSON-RPC over stdio) for the editor tests: enough to open YAML
documents in yaml-language-server, read its diagnostics and ask for completions."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

LSP_DIR = Path(__file__).resolve().parent.parent / "bench" / "lsp"
SERVER = LSP_DIR / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


class LanguageServer:
    """yaml-language-server in a child process, answering its requests as an editor with ``settings`` would."""

    def __init__(self, root: Path, settings: dict, node: str = "node") -> None:
        self.settings = settings
        self.process = subprocess.Popen([node, str(SERVER), "--stdio"], cwd=root, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue[dict] = queue.Queue()
        self.diagnostics: dict[str, list[dict]] = {}
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(), "workspaceFolders": [{"uri": root.as_uri(), "name": "course"}],
            "capabilities": {"textDocument": {
                "completion": {"completionItem": {"snippetSupport": True, "documentationFormat": ["markdown"]}},
                "publishDiagnostics": {}}, "workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": settings}})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 20) -> Any:
        """Send a request and wait for its answer, handling what the server sends meanwhile."""
        self._next_id += 1
        mine = self._next_id
        self._send({"jsonrpc": "2.0", "id": mine, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == mine and "method" not in m, timeout)["result"]

    def _wait(self, done, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError("yaml-language-server did not answer in time") from None
            self._handle(message)
            if done(message):
                return message

    def _handle(self, message: dict) -> None:
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method is not None and "id" in message:  # a request of the server's: answer as an editor would
            result: Any = None
            if method == "workspace/configuration":
                result = [self.settings if item.get("section") == "yaml" else None
                          for item in message["params"]["items"]]
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    def open(self, path: Path, text: str, timeout: float = 20) -> list[dict]:
        """Open a document (once per path: the diagnostics of a closed one would look alike) and return the
        diagnostics the server publishes for it."""
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                   and m["params"]["uri"] == uri, timeout)
        return self.diagnostics[uri]

    def complete(self, path: Path, line: int, character: int) -> list[dict]:
        """The completion items at a position (0-based line and character)."""
        result = self.request("textDocument/completion", {"textDocument": {"uri": path.as_uri()},
                                                          "position": {"line": line, "character": character}})
        return result["items"] if isinstance(result, dict) else (result or [])

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", None)
            self.process.wait(timeout=5)
        except (TimeoutError, subprocess.TimeoutExpired, OSError):
            self.process.kill()
            self.process.wait()
