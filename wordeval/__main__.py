import sys

try:
    from wordeval.cli import command_line
except KeyboardInterrupt:
    # Ctrl-C while the interpreter imports the command line, before main() can say it in one line
    sys.stderr.write("wordeval: interrupted (nothing was written; an earlier output is as it was)\n")
    raise SystemExit(130) from None

command_line()
