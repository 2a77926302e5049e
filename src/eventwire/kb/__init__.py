"""The knowledge base: who and what a name stands for, and who held which office when."""

from .loader import KnowledgeBase, load_kb, load_kb_with_store
from .model import Country, Name, Office, Organisation, Person, Region, Role

__all__ = ["Country", "KnowledgeBase", "Name", "Office", "Organisation", "Person", "Region", "Role", "load_kb",
           "load_kb_with_store"]
