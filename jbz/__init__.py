"""jbz: follow EU Justice and Home Affairs files through the Dutch JBZ-Raad letters."""

__version__ = "0.1.0"
