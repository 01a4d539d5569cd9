"""``pinterest completion bash|zsh|fish``: completion scripts generated from the registry.

The scripts are static (no Python runs on Tab): groups, commands (with summaries for zsh and
fish), each command's options, and the values of enum options, all read from the registry index,
so they always match the installed client. Install:

    bash:  pinterest completion bash > ~/.local/share/bash-completion/completions/pinterest
    zsh:   pinterest completion zsh > "${fpath[1]}/_pinterest"
    fish:  pinterest completion fish > ~/.config/fish/completions/pinterest.fish
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .argv import GLOBAL_OPTIONS, OUTPUTS
from .errors import ExitStatus
from .index import command_of
from .names import group_name
from .parser import Parser, option_for

if TYPE_CHECKING:
    from .._operation import Operation
    from .context import Context
    from .index import Index

SHELLS = ("bash", "zsh", "fish")
_BUILTIN_COMMANDS = {
    "api": ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "auth": ["login", "status", "logout"],
    "ops": [],
    "reports": ["run"],
    "sandbox": ["serve"],
    "config": ["show", "set", "unset", "profiles", "use", "path"],
    "completion": list(SHELLS),
}


def run(ctx: Context, group: str, argv: list[str]) -> int:
    parser = Parser(ctx, prog="pinterest completion", description=__doc__.split("\n\n", 1)[1] if __doc__ else None)
    parser.add_argument("shell", choices=SHELLS)
    ns = parser.parse_args(argv)
    ctx.stdout.write(script(ctx.index, ns.shell))
    return ExitStatus.OK


# -- the data the scripts embed -------------------------------------------------------------------


def _ops(index: Index) -> list[Operation]:
    return index.all()


def _options(op: Operation) -> list[tuple[str, str, tuple[object, ...] | None]]:
    """(option, help, enum values) of one command, booleans with their --no- form."""
    out: list[tuple[str, str, tuple[object, ...] | None]] = []
    for p in op.params:
        if p.location == "path":
            continue
        flag = option_for(op, p)
        values = p.enum or p.items_enum
        out.append((flag, p.description.split(". ")[0][:80], values))
        if p.type == "boolean":
            out.append(("--no-" + flag[2:], "", None))
    if op.has_body:
        out.append(("--json", "request body as JSON (FILE, - or inline)", None))
    if op.paginated:
        out += [("--all", "fetch every page", None), ("--max-items", "stop after N items", None)]
    return out


def _globals() -> list[str]:
    return [f for flags, _, _ in GLOBAL_OPTIONS for f in flags if f.startswith("--")] + ["--help"]


def _value_globals() -> list[str]:
    return [f for flags, takes, _ in GLOBAL_OPTIONS if takes for f in flags]


def _q(text: str) -> str:
    """Single-quoted for sh."""
    return "'" + text.replace("'", "'\\''") + "'"


def _groups(index: Index) -> list[str]:
    return sorted(group_name(r) for r in index.groups) + sorted(_BUILTIN_COMMANDS)


def _commands(index: Index, resource: str) -> list[str]:
    names = [m.replace("_", "-") for m in index.groups[resource]]
    if resource == "media":
        names.append("upload")
    if resource == "ad_accounts":
        names += [group_name(r) for r in index.ad_scoped]
    return names


def script(index: Index, shell: str) -> str:
    return {"bash": bash, "zsh": zsh, "fish": fish}[shell](index)


# -- bash (zsh reuses the same word-finding logic) -------------------------------------------------


def _shell_functions(index: Index) -> str:
    """``_pinterest_words``: the group and command typed so far, and case tables of the data."""
    lines = [
        "_pinterest_find() {",
        "  # sets _p_group and _p_cmd from the words before the cursor, skipping options and their values",
        "  _p_group=''; _p_cmd=''",
        "  local i w skip=0",
        "  for ((i=1; i<$1; i++)); do",
        '    w="${_p_words[i]}"',
        "    if ((skip)); then skip=0; continue; fi",
        '    case "$w" in',
        f"      {'|'.join(_value_globals())}) skip=1; continue;;",
        "      -*) continue;;",
        "    esac",
        '    if [[ -z "$_p_group" ]]; then _p_group="$w"',
        '    elif [[ -z "$_p_cmd" ]]; then',
        '      if [[ "$_p_group" == ad-accounts ]] && [[ " $(_pinterest_nested) " == *" $w "* ]]; then _p_group="$w"',
        '      else _p_cmd="$w"; fi',
        "    else break; fi",
        "  done",
        "}",
        f"_pinterest_groups() {{ echo {_q(' '.join(_groups(index)))}; }}",
        f"_pinterest_nested() {{ echo {_q(' '.join(group_name(r) for r in index.ad_scoped))}; }}",
        "_pinterest_commands() {",
        '  case "$1" in',
    ]
    for resource in index.groups:
        lines.append(f"    {group_name(resource)}) echo {_q(' '.join(_commands(index, resource)))};;")
    for group, commands in _BUILTIN_COMMANDS.items():
        lines.append(f"    {group}) echo {_q(' '.join(commands))};;")
    lines += ["  esac", "}", "_pinterest_options() {", '  case "$1 $2" in']
    for op in _ops(index):
        flags = " ".join(flag for flag, _, _ in _options(op))
        lines.append(f"    {_q(command_of(op))}) echo {_q(flags)};;")
    lines += [
        "    'media upload') echo '--media-type --wait --poll-interval --wait-timeout';;",
        "    'auth login') echo '--client-id --client-secret --scopes --port --redirect-uri --authorize-url --no-browser --wait';;",
        "    'auth logout') echo '--revoke';;",
        "    'reports run') echo \"$(_pinterest_options ad-accounts create-report) --wait --download --poll-interval --wait-timeout\";;",
        "    'sandbox serve') echo '--host --port --db --seed';;",
        "  esac",
        "}",
        "_pinterest_values() {",
        '  case "$1 $2 $3" in',
    ]
    for op in _ops(index):
        for flag, _, values in _options(op):
            if values:
                lines.append(f"    {_q(command_of(op) + ' ' + flag)}) echo {_q(' '.join(map(str, values)))};;")
    lines += [
        "  esac",
        '  case "$3" in',
        f"    -o|--output) echo {_q(' '.join(OUTPUTS))};;",
        "  esac",
        "}",
    ]
    return "\n".join(lines) + "\n"


def bash(index: Index) -> str:
    return (
        "# bash completion for pinterest (generated by `pinterest completion bash` from the registry)\n"
        + _shell_functions(index)
        + f"""_pinterest() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
  local _p_words=("${{COMP_WORDS[@]}}")
  _pinterest_find "$COMP_CWORD"
  local values
  values="$(_pinterest_values "$_p_group" "$_p_cmd" "$prev")"
  if [[ -n "$values" ]]; then COMPREPLY=($(compgen -W "$values" -- "$cur")); return; fi
  case "$prev" in
    --json|--download) COMPREPLY=($(compgen -f -- "$cur")); return;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_pinterest_options "$_p_group" "$_p_cmd") {" ".join(_globals())}" -- "$cur"))
  elif [[ -z "$_p_group" ]]; then
    COMPREPLY=($(compgen -W "$(_pinterest_groups)" -- "$cur"))
  elif [[ -z "$_p_cmd" ]]; then
    COMPREPLY=($(compgen -W "$(_pinterest_commands "$_p_group")" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}}
complete -F _pinterest pinterest
"""
    )


def zsh(index: Index) -> str:
    summaries = ["_pinterest_describe() {", '  case "$1" in']
    for resource in index.groups:
        entries = []
        for method in index.groups[resource]:
            op = index.find(resource, method)
            assert op is not None
            entries.append(f"{method.replace('_', '-')}:{op.summary.replace(':', ' ')}")
        if resource == "media":
            entries.append("upload:upload a video file (workflow)")
        if resource == "ad_accounts":
            entries += [f"{group_name(r)}:resource under this ad account" for r in index.ad_scoped]
        summaries.append(f"    {group_name(resource)}) _p_desc=({' '.join(_q(e) for e in entries)});;")
    summaries += ["    *) _p_desc=(${(s: :)$(_pinterest_commands $1)});;", "  esac", "}"]
    return (
        "#compdef pinterest\n"
        "# zsh completion for pinterest (generated by `pinterest completion zsh` from the registry)\n"
        + _shell_functions(index)
        + "\n".join(summaries)
        + f"""
_pinterest() {{
  local -a _p_words _p_desc
  local cur="${{words[CURRENT]}}" prev="${{words[CURRENT-1]}}"
  # zsh arrays start at 1: drop the command name so index 1 is the first argument, as in bash
  _p_words=("${{(@)words[2,-1]}}")
  _pinterest_find $((CURRENT - 1))
  local values
  values="$(_pinterest_values "$_p_group" "$_p_cmd" "$prev")"
  if [[ -n "$values" ]]; then compadd -- ${{(s: :)values}}; return; fi
  case "$prev" in
    --json|--download) _files; return;;
  esac
  if [[ "$cur" == -* ]]; then
    compadd -- ${{(s: :)$(_pinterest_options "$_p_group" "$_p_cmd")}} {" ".join(_globals())}
  elif [[ -z "$_p_group" ]]; then
    compadd -- ${{(s: :)$(_pinterest_groups)}}
  elif [[ -z "$_p_cmd" ]]; then
    _pinterest_describe "$_p_group"
    _describe 'command' _p_desc
  else
    _files
  fi
}}
compdef _pinterest pinterest
"""
    )


def _fish_q(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish(index: Index) -> str:
    lines = [
        "# fish completion for pinterest (generated by `pinterest completion fish` from the registry)",
        "function __pinterest_words",
        "    # the group and command typed so far (options and their values skipped)",
        "    set -l words (commandline -opc)",
        "    set -l out",
        "    set -l skip 0",
        "    for w in $words[2..-1]",
        "        if test $skip = 1; set skip 0; continue; end",
        f"        if contains -- $w {' '.join(_value_globals())}; set skip 1; continue; end",
        "        if string match -q -- '-*' $w; continue; end",
        f'        if test (count $out) = 1 -a "$out[1]" = ad-accounts; and contains -- $w {" ".join(group_name(r) for r in index.ad_scoped)}',
        "            set out $w; continue",
        "        end",
        "        set out $out $w",
        "    end",
        "    echo $out",
        "end",
        "function __pinterest_at",
        "    # true when the words typed so far are exactly $argv",
        "    set -l have (__pinterest_words)",
        '    test "$have" = "$argv"',
        "end",
        "function __pinterest_in",
        "    set -l w (string split ' ' -- (__pinterest_words))",
        '    test (count $w) -ge 2; and test "$w[1] $w[2]" = "$argv[1] $argv[2]"',
        "end",
        "complete -c pinterest -f",
    ]
    for flags, takes, text in GLOBAL_OPTIONS:
        spec = " ".join(f"-l {f[2:]}" if f.startswith("--") else f"-s {f[1:]}" for f in flags)
        extra = f" -xa {_fish_q(' '.join(OUTPUTS))}" if "--output" in flags else (" -r" if takes else "")
        lines.append(f"complete -c pinterest {spec}{extra} -d {_fish_q(text[:60])}")
    for resource, methods in index.groups.items():
        group = group_name(resource)
        lines.append(f"complete -c pinterest -n '__pinterest_at' -a {group} -d {_fish_q(f'{len(methods)} commands')}")
        for method in methods:
            op = index.find(resource, method)
            assert op is not None
            lines.append(
                f"complete -c pinterest -n '__pinterest_at {group}' -a {method.replace('_', '-')} -d {_fish_q(op.summary[:60])}"
            )
    lines.append("complete -c pinterest -n '__pinterest_at media' -a upload -d 'upload a video file'")
    for nested in index.ad_scoped:
        lines.append(f"complete -c pinterest -n '__pinterest_at ad-accounts' -a {group_name(nested)}")
    for group, commands in _BUILTIN_COMMANDS.items():
        lines.append(f"complete -c pinterest -n '__pinterest_at' -a {group}")
        for command in commands:
            lines.append(f"complete -c pinterest -n '__pinterest_at {group}' -a {command}")
    for op in _ops(index):
        cond = f"__pinterest_in {command_of(op)}"
        for flag, text, values in _options(op):
            spec = f"complete -c pinterest -n {_fish_q(cond)} -l {flag[2:]}"
            if values:
                spec += f" -xa {_fish_q(' '.join(map(str, values)))}"
            elif flag in ("--json",):
                spec += " -rF"
            if text:
                spec += f" -d {_fish_q(text)}"
            lines.append(spec)
    return "\n".join(lines) + "\n"
