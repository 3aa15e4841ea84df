"""Plan: a question and its scope in; routed to the register, the documents or both, and their answer out."""
