from doorstation.cli import main

main()
