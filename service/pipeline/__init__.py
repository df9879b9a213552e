"""The pipeline, one module per stage, in the order the data flows.

    statement.py   read the statement: front matter, Markdown -> Statement
    detect.py      which of the six languages it is in (verified against the declaration)
    segment.py     sentences with offsets (spaCy sentencizer + locales/ rules)
    extract.py     the lines that work as posts, ranked, with reasons
    translate.py   each line in each language: memory, then MT (protect.py masks what MT
                   must not touch; glossary_constraints.py enforces official terms)
    finish.py      post-edit typography (postedit.py), fit the platform (fit.py), checks (qa.py)
    schedule.py    when each audience should see it (plan.py for a statement's six posts)

service/workflow.py composes these stages into the use cases every edge calls.
"""
