"""The pure domain core: plain data and functions, no telegram, no sqlalchemy, `now` passed in."""
