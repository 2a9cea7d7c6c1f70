from jbz.cli import main

main()
