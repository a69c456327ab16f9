"""Passage vectors stored per candidate, and the runs of the job that computes them.

Where the vectors live, and why a table rather than an array beside the published index:
- re-ranking reads only the candidates it re-ranks (at most 500), so one indexed query fetches them; the
  index never has to hold them (a million CVs at ~10 passages x 384 floats is ~15 GB, ten times the
  whole index);
- a row goes with its candidate (ON DELETE CASCADE): erasure and merges leave no vector behind, with no
  file to rewrite;
- each chunk task commits its rows with the chunk's outcome, so a killed run loses at most the chunk it
  was on, and the index's publication (rebuilt, versioned, swapped) stays independent of a day-long job.
"""

from __future__ import annotations

import numpy as np
from django.db import models


class CandidateEmbedding(models.Model):
    """One candidate's passage vectors (engine.matching.semantic.passages), valid while `key` still
    matches: a changed CV, or another embedder, makes them stale and they are encoded again."""

    candidate = models.OneToOneField(
        "candidates.Candidate", on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    embedder = models.CharField(max_length=100, help_text="Name and version of what made the vectors.")
    key = models.CharField(max_length=64, help_text="passage_key: a hash of the embedder and the passages.")
    passages = models.PositiveSmallIntegerField()
    dimensions = models.PositiveSmallIntegerField()
    vectors = models.BinaryField(help_text="passages x dimensions little-endian float32, row-major.")
    stale = models.BooleanField(default=False, help_text="The CV changed since (re-parsed or imported).")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.passages} passage vectors of candidate {self.candidate_id}"

    def matrix(self) -> np.ndarray:
        data = np.frombuffer(bytes(self.vectors), dtype="<f4")
        return data.reshape(self.passages, self.dimensions).astype(np.float32, copy=False)


class EmbeddingRun(models.Model):
    """One `shortlist embed`: the pool split into chunks by candidate id, one task per chunk."""

    embedder = models.CharField(max_length=100)
    chunk_size = models.PositiveIntegerField()
    candidates = models.PositiveIntegerField(help_text="Candidates in the pool when the run started.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-id",)

    def __str__(self) -> str:
        return f"embedding run {self.pk} ({self.embedder})"


class ChunkStatus(models.TextChoices):
    QUEUED = "queued"
    DONE = "done"
    FAILED = "failed"


class EmbeddingChunk(models.Model):
    """Candidates `first_id`..`last_id` (inclusive) of a run; done once its vectors are committed."""

    run = models.ForeignKey(EmbeddingRun, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    status = models.CharField(max_length=8, choices=ChunkStatus.choices, default=ChunkStatus.QUEUED)
    embedded = models.PositiveIntegerField(default=0, help_text="Candidates encoded by this chunk.")
    current = models.PositiveIntegerField(default=0, help_text="Candidates whose vectors were current.")
    reason = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("run", "number"), name="one_chunk_number_per_run")]
        ordering = ("run", "number")

    def __str__(self) -> str:
        return f"chunk {self.number} of run {self.run_id}: {self.status}"
