import sys

from medlabel.cli import main

sys.exit(main())
