"""Compliance rules: state- and country-aware sending windows and frequency limits, as data.

* :mod:`.rules` reads, checks and stores the rules (the shipped ``compliance_rules.json``
  and each workspace's copy in ``compliance_rules``): the API of ``smsflow compliance`` and
  of the app's rule editor (list, get, save, delete, reset).
* :mod:`.area_codes` says where a North American number's area code is (from phonenumbers'
  geocoding data).
* :mod:`.policy` applies the rules: whose rules apply to a recipient, the strictest window
  of the campaign's quiet hours and those rules, and the frequency limits a number reached.

Nothing here is imported by the package itself, so opening a workspace loads only :mod:`.rules`.
"""
