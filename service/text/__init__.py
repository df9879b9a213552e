"""Text primitives shared by every stage: input validation, entities, weighted length."""
