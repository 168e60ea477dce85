"""The Qt canvas: the chronology painted with QPainter from a viewport value."""
