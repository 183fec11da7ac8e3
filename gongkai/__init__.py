"""Gongkai (公开): a platform for grassroots government openness."""
