"""The live preview and ``build --dirty``: serve (the loop), regeneration of what an edit
changed, memo (work kept per item), dirty (the state kept on disk), the renderers kept live, the banner."""
