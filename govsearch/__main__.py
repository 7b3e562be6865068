"""``python -m govsearch`` runs the command line."""
from govsearch.cli import main

main()
