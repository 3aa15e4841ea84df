"""Read: a question in; its terms, answer type, names and links to the documents' words out."""
