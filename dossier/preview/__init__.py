"""The live preview: serve (the loop), regeneration of what an edit changed, the renderers kept
live, the banner."""
