"""The document list: every report of the project (or those a filter keeps), one row each, fetched a
block at a time so that a 100,000-report project opens as fast as a small one."""
