from ohos_errcode.cli.main import main

raise SystemExit(main())
