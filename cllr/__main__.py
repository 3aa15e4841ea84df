from cllr.cli import main

main()
