"""The annotation workspace's panels: report view, label panel, span editor, note editor."""
