"""No import cycles between the project's modules (agent/, knowledge/, api/, evals/).

Imports are read with ``ast``, so imports under ``if TYPE_CHECKING:`` count (a cycle hidden from the
interpreter is still a cycle in the design); imports inside functions are reported separately and do not
fail the module-level check. Edges go to the module an import names. Importing ``a.b.c`` also runs
``a/__init__.py`` and ``a/b/__init__.py``: ``import_graph(through_packages=True)`` adds those edges too
(except packages holding the importing module, already being initialised); run this file to see both views.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("agent", "knowledge", "api", "evals")


def module_files() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the project's packages."""
    out: dict[str, Path] = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module a dotted import name refers to (its longest known prefix), or None."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    # "from pkg import name" imports pkg.name when that is a module, else pkg itself.
    return [f"{base}.{a.name}" for a in node.names] + [base]


def _function_local(tree: ast.Module) -> set[int]:
    """ids of import nodes that sit inside a function body."""
    local: set[int] = set()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            local.update(id(n) for n in ast.walk(fn) if isinstance(n, (ast.Import, ast.ImportFrom)))
    return local


def import_graph(include_local: bool = False, through_packages: bool = False) -> dict[str, set[str]]:
    """module -> project modules it imports (module level incl. TYPE_CHECKING; function-local, package inits if asked)."""
    modules = module_files()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        local = _function_local(tree)
        is_package = path.name == "__init__.py"
        own_packages = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1 + is_package)}
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            if id(node) in local and not include_local:
                continue
            names = _imported_names(node, module, is_package)
            targets = {t for t in (_resolve(n, modules) for n in names) if t is not None}
            for target in targets:
                parts = target.split(".")
                parents = {".".join(parts[:i]) for i in range(1, len(parts))} if through_packages else set()
                for t in {target, *parents} - own_packages - {module}:
                    if t in modules:
                        graph[module].add(t)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (or a self-loop), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        # Iterative Tarjan: deep package graphs must not hit the recursion limit.
        work = [(v, iter(sorted(graph[v])))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        while work:
            node, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    advanced = True
                    break
                if w in on_stack:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_module_graph_is_read():
    graph = import_graph()
    assert "agent.reply.composer" in graph["agent.agent"]
    assert "agent.reply.input" in graph["agent.reply.prompts"]


def test_no_module_level_import_cycles():
    assert find_cycles(import_graph()) == []


def test_no_cycles_through_package_inits():
    # Importing a.b.c runs a/__init__ and a/b/__init__ too: a cycle through them breaks imports just the same.
    assert find_cycles(import_graph(through_packages=True)) == []


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


if __name__ == "__main__":
    views = (("module level", False, False), ("incl. function-local", True, False), ("via package inits", True, True))
    for label, local, packages in views:
        cycles = find_cycles(import_graph(include_local=local, through_packages=packages))
        print(f"{label}: {len(cycles)} cycle(s)")
        for c in cycles:
            print("  ", " <-> ".join(c))
