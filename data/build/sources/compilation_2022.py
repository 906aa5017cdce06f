"""placeholder"""
def parse(lines, source_file):
    return []
