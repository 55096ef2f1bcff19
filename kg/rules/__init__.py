"""Rule files in the top-level ``rules/`` folder, loaded and validated into plain data.

``load_rules(folder)`` is the entry point: it reads every rule file, checks it, and returns a
``RuleSet``; any problem raises ``RuleError`` as ``file:line: what is wrong``.
"""

from kg.rules.loader import RuleSet, default_rules_dir, load_rules

__all__ = ["RuleSet", "default_rules_dir", "load_rules"]
