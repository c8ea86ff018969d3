from openpiu.cli import main

main()
