"""jixiao (绩效): performance targets of public project spending, read, stored, reviewed, scored and published."""

__version__ = "0.1.0"
