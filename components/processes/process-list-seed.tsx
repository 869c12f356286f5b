"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { seedProcessList } from "@/lib/query/processes";

type Props = { json: string; renderedAt: number; children: ReactNode };

/** Puts the server's list into the query cache before the editor first reads it (see seedProcessList). */
export function ProcessListSeed({ json, renderedAt, children }: Props) {
  const client = useQueryClient();
  useState(() => seedProcessList(client, json, renderedAt, "render"));
  useEffect(() => seedProcessList(client, json, renderedAt, "effect"), [client, json, renderedAt]);
  return children;
}
