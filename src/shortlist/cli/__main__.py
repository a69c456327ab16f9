"""`python -m shortlist.cli`: how `serve` starts its task worker, and the tests run the command."""

from shortlist.cli import main

main()
