"""The general reader: any policy file → text → documents → header fields → policies."""
