"""Scheduling, after review: when each audience should see each post, exact through DST.

slots.py       the next, best or given slot of one audience, with the proof
plan.py        a statement's slots for every language account, spaced
observance.py  posting on an international day's date in every zone
weekly.py      posting windows and quiet hours in local wall time, and their specs
timeline.py    windows and quiet hours as UTC intervals (zoneinfo, DST-exact)
instants.py    instants and days as people write them
local_time.py  local times rendered in the audience's language (Babel)
export.py      ICS, Hootsuite CSV and JSON
"""
