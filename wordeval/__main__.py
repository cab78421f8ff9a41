from wordeval.cli import main

raise SystemExit(main())
