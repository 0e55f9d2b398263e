<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ActionDialog</name>
    <message>
        <source>{title}: message</source>
        <translation>{title}: mensaje</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>AddPhoneDialog</name>
    <message>
        <source>Add a burner phone</source>
        <translation>Agregar un teléfono provisional</translation>
    </message>
    <message>
        <source>Add phone</source>
        <translation>Agregar teléfono</translation>
    </message>
    <message>
        <source>Asset tag</source>
        <translation>Etiqueta de inventario</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>15 digits, from the box or *#06# on the phone</source>
        <translation>15 dígitos, de la caja o marcando *#06# en el teléfono</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Compañía telefónica</translation>
    </message>
    <message>
        <source>Programmed contacts</source>
        <translation>Contactos programados</translation>
    </message>
    <message>
        <source>label: phone; label: phone</source>
        <translation>nombre: teléfono; nombre: teléfono</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Agregar un usuario</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Agregar usuario</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>letters, digits, dot, dash or underscore</source>
        <translation>letras, dígitos, punto, guion o guion bajo</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Badge or staff no.</source>
        <translation>N.º de placa o de empleado</translation>
    </message>
    <message>
        <source>Direct phone</source>
        <translation>Teléfono directo</translation>
    </message>
    <message>
        <source>Initial passphrase</source>
        <translation>Frase de contraseña inicial</translation>
    </message>
</context>
<context>
    <name>AssembleBagDialog</name>
    <message>
        <source>Assemble a recovery bag</source>
        <translation>Preparar una bolsa de recuperación</translation>
    </message>
    <message>
        <source>Assemble bag</source>
        <translation>Preparar bolsa</translation>
    </message>
    <message>
        <source>Bag label</source>
        <translation>Etiqueta de la bolsa</translation>
    </message>
    <message>
        <source>as written on the bag, e.g. RB-0042</source>
        <translation>tal como está escrita en la bolsa, p. ej. RB-0042</translation>
    </message>
    <message>
        <source>Naloxone lot</source>
        <translation>Lote de naloxona</translation>
    </message>
    <message>
        <source>Naloxone expires on</source>
        <translation>La naloxona vence el</translation>
    </message>
    <message>
        <source>Naloxone kits</source>
        <translation>Kits de naloxona</translation>
    </message>
    <message>
        <source>Disposal bags</source>
        <translation>Bolsas para desechar medicamentos</translation>
    </message>
</context>
<context>
    <name>AssignFollowUpDialog</name>
    <message>
        <source>Assign the follow-up</source>
        <translation>Asignar el seguimiento</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>Trabajador social</translation>
    </message>
    <message>
        <source>No social worker uses this laptop yet: a supervisor adds one in Settings.</source>
        <translation>Ningún trabajador social usa esta computadora todavía: un supervisor lo agrega en Configuración.</translation>
    </message>
</context>
<context>
    <name>BagsTab</name>
    <message>
        <source>Recovery bags</source>
        <translation>Bolsas de recuperación</translation>
    </message>
    <message>
        <source>Contents of the selected bag</source>
        <translation>Contenido de la bolsa seleccionada</translation>
    </message>
    <message>
        <source>Contents: select a bag</source>
        <translation>Contenido: seleccione una bolsa</translation>
    </message>
    <message>
        <source>Contents of</source>
        <translation>Contenido de</translation>
    </message>
    <message>
        <source>Recovery bags message</source>
        <translation>Mensaje de bolsas de recuperación</translation>
    </message>
    <message>
        <source>Assemble bag…</source>
        <translation>Preparar bolsa…</translation>
    </message>
    <message>
        <source>Assemble bag</source>
        <translation>Preparar bolsa</translation>
    </message>
    <message>
        <source>Bags and contents</source>
        <translation>Bolsas y contenido</translation>
    </message>
    <message>
        <source>Contents of {label}</source>
        <translation>Contenido de {label}</translation>
    </message>
    <message>
        <source>Bag {label} assembled.</source>
        <translation>Bolsa {label} preparada.</translation>
    </message>
</context>
<context>
    <name>BurnerReturnedOrLostDialog</name>
    <message>
        <source>Burner phone returned or lost</source>
        <translation>Teléfono provisional devuelto o perdido</translation>
    </message>
    <message>
        <source>Phone {asset_tag} came back</source>
        <translation>El teléfono {asset_tag} fue devuelto</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Devuelto</translation>
    </message>
    <message>
        <source>Phone {asset_tag} is lost</source>
        <translation>El teléfono {asset_tag} se perdió</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdido</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <source>Co-response call</source>
        <translation>Llamada de respuesta conjunta</translation>
    </message>
    <message>
        <source>Opening the call…</source>
        <translation>Abriendo la llamada…</translation>
    </message>
    <message>
        <source>The call</source>
        <translation>La llamada</translation>
    </message>
    <message>
        <source>Call message</source>
        <translation>Mensaje de la llamada</translation>
    </message>
    <message>
        <source>&amp;Amend call…</source>
        <translation>&amp;Corregir la llamada…</translation>
    </message>
    <message>
        <source>Amend the call</source>
        <translation>Corregir la llamada</translation>
    </message>
    <message>
        <source>Amend &amp;my note…</source>
        <translation>Corregir &amp;mi nota…</translation>
    </message>
    <message>
        <source>Amend your clinician&apos;s note on this call</source>
        <translation>Corregir su nota de clínico sobre esta llamada</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the call</source>
        <translation>Cerrar la llamada</translation>
    </message>
    <message>
        <source>Amendment saved.</source>
        <translation>Corrección guardada.</translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <source>New co-response call</source>
        <translation>Nueva llamada de respuesta conjunta</translation>
    </message>
    <message>
        <source>Amend co-response call</source>
        <translation>Corregir la llamada de respuesta conjunta</translation>
    </message>
    <message>
        <source>Call form message</source>
        <translation>Mensaje del formulario de llamada</translation>
    </message>
    <message>
        <source>When the call came</source>
        <translation>Cuándo llegó la llamada</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>&amp;Cuándo</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>&amp;Origen</translation>
    </message>
    <message>
        <source>How the call came</source>
        <translation>Cómo llegó la llamada</translation>
    </message>
    <message>
        <source>Where, to the block</source>
        <translation>Dónde, hasta la cuadra</translation>
    </message>
    <message>
        <source>A house number is kept only to its block: 1234 → 1200 block</source>
        <translation>Del número de casa solo se guarda la cuadra: 1234 → cuadra 1200</translation>
    </message>
    <message>
        <source>Whe&amp;re</source>
        <translation>&amp;Dónde</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Oficial</translation>
    </message>
    <message>
        <source>CIT-trained</source>
        <translation>Capacitado en CIT</translation>
    </message>
    <message>
        <source>Officer is CIT-trained</source>
        <translation>El oficial tiene capacitación CIT</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Clínico</translation>
    </message>
    <message>
        <source>&amp;Officer</source>
        <translation>O&amp;ficial</translation>
    </message>
    <message>
        <source>&amp;Clinician</source>
        <translation>C&amp;línico</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>&amp;Persona</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Substance involved</source>
        <translation>Sustancia involucrada</translation>
    </message>
    <message>
        <source>Substance</source>
        <translation>Sustancia</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Qué se hizo</translation>
    </message>
    <message>
        <source>What was &amp;done</source>
        <translation>&amp;Qué se hizo</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <source>D&amp;isposition</source>
        <translation>&amp;Resolución</translation>
    </message>
    <message>
        <source>Arrest avoided</source>
        <translation>Se evitó un arresto</translation>
    </message>
    <message>
        <source>Diversion: arrest avoided</source>
        <translation>Desvío: se evitó un arresto</translation>
    </message>
    <message>
        <source>Involuntary hospitalisation avoided</source>
        <translation>Se evitó una hospitalización involuntaria</translation>
    </message>
    <message>
        <source>Diversion: involuntary hospitalisation avoided</source>
        <translation>Desvío: se evitó una hospitalización involuntaria</translation>
    </message>
    <message>
        <source>Diversions</source>
        <translation>Desvíos</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Time on scene in minutes</source>
        <translation>Tiempo en el lugar, en minutos</translation>
    </message>
    <message>
        <source>Time on sce&amp;ne</source>
        <translation>&amp;Tiempo en el lugar</translation>
    </message>
    <message>
        <source>Referrals: programs from the resource directory</source>
        <translation>Remisiones: programas del directorio de recursos</translation>
    </message>
    <message>
        <source>Re&amp;ferrals</source>
        <translation>Re&amp;misiones</translation>
    </message>
    <message>
        <source>Clinician&apos;s note (a treatment record: police never see it)</source>
        <translation>Nota del clínico (un registro de tratamiento: la policía nunca la ve)</translation>
    </message>
    <message>
        <source>Clinician&apos;s no&amp;te</source>
        <translation>No&amp;ta del clínico</translation>
    </message>
    <message>
        <source>Save call</source>
        <translation>Guardar la llamada</translation>
    </message>
    <message>
        <source>Save amendment</source>
        <translation>Guardar la corrección</translation>
    </message>
    <message>
        <source>Save the call</source>
        <translation>Guardar la llamada</translation>
    </message>
    <message>
        <source>Save the amended call</source>
        <translation>Guardar la llamada corregida</translation>
    </message>
    <message>
        <source>Close (keeps the draft)</source>
        <translation>Cerrar (guarda el borrador)</translation>
    </message>
    <message>
        <source>Close the form and keep the draft</source>
        <translation>Cerrar el formulario y guardar el borrador</translation>
    </message>
    <message>
        <source>Find the person by name or phone</source>
        <translation>Buscar a la persona por nombre o teléfono</translation>
    </message>
    <message>
        <source>Pick them if they are on record: their calls and encounters share one timeline</source>
        <translation>Elíjala si ya está registrada: sus llamadas y encuentros comparten un solo historial</translation>
    </message>
    <message>
        <source>People on record who match</source>
        <translation>Personas registradas que coinciden</translation>
    </message>
    <message>
        <source>Nobody picked: a new person is entered below.</source>
        <translation>Nadie elegido: abajo se ingresa una persona nueva.</translation>
    </message>
    <message>
        <source>Person picked</source>
        <translation>Persona elegida</translation>
    </message>
    <message>
        <source>New person: given name</source>
        <translation>Persona nueva: nombre</translation>
    </message>
    <message>
        <source>New person: family name</source>
        <translation>Persona nueva: apellido</translation>
    </message>
    <message>
        <source>New person: where they live</source>
        <translation>Persona nueva: dónde vive</translation>
    </message>
    <message>
        <source>e.g. alexandria</source>
        <translation>p. ej. alexandria</translation>
    </message>
    <message>
        <source>Given name (new person)</source>
        <translation>Nombre (persona nueva)</translation>
    </message>
    <message>
        <source>Family name (new person)</source>
        <translation>Apellido (persona nueva)</translation>
    </message>
    <message>
        <source>Unfinished call</source>
        <translation>Llamada sin terminar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Resume the unfinished call</source>
        <translation>Continuar la llamada sin terminar</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>Descartarla</translation>
    </message>
    <message>
        <source>Discard the unfinished call</source>
        <translation>Descartar la llamada sin terminar</translation>
    </message>
    <message>
        <source>{0}: an amendment keeps the call&apos;s person (a wrong person is a new call).</source>
        <translation>{0}: una corrección mantiene a la persona de la llamada (si la persona es otra, registre una llamada nueva).</translation>
    </message>
    <message>
        <source>birth date not recorded</source>
        <translation>fecha de nacimiento no registrada</translation>
    </message>
    <message>
        <source>Nobody on record matches: enter them as a new person below.</source>
        <translation>Nadie registrado coincide: ingrésela abajo como persona nueva.</translation>
    </message>
    <message>
        <source>Picked: {0} (a repeat contact: same timeline)</source>
        <translation>Elegida: {0} (contacto repetido: mismo historial)</translation>
    </message>
    <message>
        <source>Within pilot hours (Mon–Fri 12:00–20:00)</source>
        <translation>Dentro del horario del piloto (lun–vie 12:00–20:00)</translation>
    </message>
    <message>
        <source>Outside pilot hours (Mon–Fri 12:00–20:00): recorded and marked</source>
        <translation>Fuera del horario del piloto (lun–vie 12:00–20:00): se registra y se marca</translation>
    </message>
    <message>
        <source>The draft could not be kept: {0}</source>
        <translation>No se pudo guardar el borrador: {0}</translation>
    </message>
    <message>
        <source>Resume the call you started at {0}?</source>
        <translation>¿Continuar la llamada que empezó a las {0}?</translation>
    </message>
    <message>
        <source>Resumed as it was typed.</source>
        <translation>Se continuó tal como estaba escrita.</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>No case open</source>
        <translation>Ningún caso abierto</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>Search on the left, then press Enter or double-click a result.</source>
        <translation>Busque a la izquierda y luego presione Enter o haga doble clic en un resultado.</translation>
    </message>
    <message>
        <source>Case status</source>
        <translation>Estado del caso</translation>
    </message>
    <message>
        <source>Return personal phone…</source>
        <translation>Devolver el teléfono personal…</translation>
    </message>
    <message>
        <source>Burner returned or lost…</source>
        <translation>Provisional devuelto o perdido…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Add contact attempt…</source>
        <translation>Agregar intento de contacto…</translation>
    </message>
    <message>
        <source>Record outcome…</source>
        <translation>Registrar resultado…</translation>
    </message>
    <message>
        <source>Take this call</source>
        <translation>Tomar esta llamada</translation>
    </message>
    <message>
        <source>Assign follow-up…</source>
        <translation>Asignar seguimiento…</translation>
    </message>
    <message>
        <source>Schedule home visit…</source>
        <translation>Programar visita al hogar…</translation>
    </message>
    <message>
        <source>Record home visit…</source>
        <translation>Registrar visita al hogar…</translation>
    </message>
    <message>
        <source>Drug intel call…</source>
        <translation>Llamada sobre drogas…</translation>
    </message>
    <message>
        <source>Case timeline</source>
        <translation>Historial del caso</translation>
    </message>
    <message>
        <source>Enter or double-click a co-response call to open it</source>
        <translation>Pulse Intro o haga doble clic en una llamada de respuesta conjunta para abrirla</translation>
    </message>
    <message>
        <source>Case message</source>
        <translation>Mensaje del caso</translation>
    </message>
    <message numerus="yes">
        <source>{jurisdiction_name} · met on %n co-response call(s), never at the bedside</source>
        <translation>
            <numerusform>{jurisdiction_name} · %n llamada de respuesta conjunta, ningún encuentro junto a la cama</numerusform>
            <numerusform>{jurisdiction_name} · %n llamadas de respuesta conjunta, ningún encuentro junto a la cama</numerusform>
        </translation>
    </message>
    <message>
        <source>{jurisdiction_name} · encounter {local_time}</source>
        <translation>{jurisdiction_name} · encuentro {local_time}</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>Cases</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>Buscar casos</translation>
    </message>
    <message>
        <source>Name, phone, IMEI or receipt no.</source>
        <translation>Nombre, teléfono, IMEI o n.º de recibo</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <source>Type at least {MIN_QUERY} characters.</source>
        <translation>Escriba al menos {MIN_QUERY} caracteres.</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Estado de la búsqueda</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <source>No case matches.</source>
        <translation>Ningún caso coincide.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n caso</numerusform>
            <numerusform>%n casos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change my passphrase</source>
        <translation>Cambiar mi frase de contraseña</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Cambiar frase de contraseña</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Frase de contraseña actual</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>Nueva frase de contraseña otra vez</translation>
    </message>
    <message>
        <source>The two new passphrases differ.</source>
        <translation>Las dos frases de contraseña nuevas no coinciden.</translation>
    </message>
</context>
<context>
    <name>CirculatingView</name>
    <message>
        <source>Drug intel</source>
        <translation>Inteligencia sobre drogas</translation>
    </message>
    <message>
        <source>Drug intelligence: the last 14 days</source>
        <translation>Inteligencia sobre drogas: los últimos 14 días</translation>
    </message>
    <message>
        <source>Police only: what survivors told detectives about what they took, grouped by substance and stamp. Never shared with the treatment program, never in the ODMAP export.</source>
        <translation>Solo para la policía: lo que los sobrevivientes contaron a los detectives sobre lo que consumieron, agrupado por sustancia y sello. Nunca se comparte con el programa de tratamiento ni va en la exportación a ODMAP.</translation>
    </message>
    <message>
        <source>Substance</source>
        <translation>Sustancia</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>Sello</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Last call</source>
        <translation>Última llamada</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Colores</translation>
    </message>
    <message>
        <source>Areas obtained</source>
        <translation>Zonas de obtención</translation>
    </message>
    <message>
        <source>Substances and stamps</source>
        <translation>Sustancias y sellos</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <source>Packaging</source>
        <translation>Empaque</translation>
    </message>
    <message>
        <source>Area obtained</source>
        <translation>Zona de obtención</translation>
    </message>
    <message>
        <source>Effects and notes</source>
        <translation>Efectos y notas</translation>
    </message>
    <message>
        <source>Calls about the selected substance</source>
        <translation>Llamadas sobre la sustancia seleccionada</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Abrir el caso</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>Corregir…</translation>
    </message>
    <message>
        <source>Correct the selected call</source>
        <translation>Corregir la llamada elegida</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>Retirar…</translation>
    </message>
    <message>
        <source>Withdraw the selected call</source>
        <translation>Retirar la llamada elegida</translation>
    </message>
    <message>
        <source>Drug intel message</source>
        <translation>Mensaje de inteligencia sobre drogas</translation>
    </message>
    <message>
        <source>No drug intel calls in the last 14 days.</source>
        <translation>No hay llamadas de inteligencia sobre drogas en los últimos 14 días.</translation>
    </message>
    <message>
        <source>Calls about {0}</source>
        <translation>Llamadas sobre {0}</translation>
    </message>
</context>
<context>
    <name>CoResponseView</name>
    <message>
        <source>Co-response calls</source>
        <translation>Llamadas de respuesta conjunta</translation>
    </message>
    <message>
        <source>&amp;New co-response call…</source>
        <translation>&amp;Nueva llamada de respuesta conjunta…</translation>
    </message>
    <message>
        <source>Record a new co-response call</source>
        <translation>Registrar una nueva llamada de respuesta conjunta</translation>
    </message>
    <message>
        <source>Co-response message</source>
        <translation>Mensaje de respuesta conjunta</translation>
    </message>
    <message>
        <source>Find calls by the person&apos;s name or phone</source>
        <translation>Buscar llamadas por el nombre o el teléfono de la persona</translation>
    </message>
    <message>
        <source>Find calls by name or phone (empty: the newest calls)</source>
        <translation>Buscar llamadas por nombre o teléfono (vacío: las más recientes)</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <source>Newest co-response calls</source>
        <translation>Llamadas de respuesta conjunta más recientes</translation>
    </message>
    <message>
        <source>Pick a call to read it.</source>
        <translation>Elija una llamada para leerla.</translation>
    </message>
    <message>
        <source>The call</source>
        <translation>La llamada</translation>
    </message>
    <message>
        <source>A clinician&apos;s note on this call</source>
        <translation>Una nota del clínico sobre esta llamada</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Agregar nota</translation>
    </message>
    <message>
        <source>Add the clinician&apos;s note to this call</source>
        <translation>Agregar la nota del clínico a esta llamada</translation>
    </message>
    <message>
        <source>&amp;Amend call…</source>
        <translation>&amp;Corregir la llamada…</translation>
    </message>
    <message>
        <source>Amend the call</source>
        <translation>Corregir la llamada</translation>
    </message>
    <message>
        <source>Amend &amp;my note…</source>
        <translation>Corregir &amp;mi nota…</translation>
    </message>
    <message>
        <source>Amend your clinician&apos;s note on this call</source>
        <translation>Corregir su nota de clínico sobre esta llamada</translation>
    </message>
    <message>
        <source>Save referral sheet as PDF…</source>
        <translation>Guardar la hoja de remisión como PDF…</translation>
    </message>
    <message>
        <source>Save the call&apos;s referral sheet as a PDF</source>
        <translation>Guardar la hoja de remisión de la llamada como PDF</translation>
    </message>
    <message>
        <source>Call with {0} saved: {1}.</source>
        <translation>Llamada con {0} guardada: {1}.</translation>
    </message>
    <message>
        <source>Amendment saved.</source>
        <translation>Corrección guardada.</translation>
    </message>
    <message>
        <source>outside pilot hours</source>
        <translation>fuera del horario del piloto</translation>
    </message>
    <message>
        <source>Source: {0}</source>
        <translation>Origen: {0}</translation>
    </message>
    <message>
        <source>Where: {0}</source>
        <translation>Dónde: {0}</translation>
    </message>
    <message>
        <source>Officer: {0}{1}; clinician: {2}</source>
        <translation>Oficial: {0}{1}; clínico: {2}</translation>
    </message>
    <message>
        <source> (CIT-trained)</source>
        <translation> (con capacitación CIT)</translation>
    </message>
    <message>
        <source>About: {0}</source>
        <translation>Motivo: {0}</translation>
    </message>
    <message>
        <source>Substance: {0}</source>
        <translation>Sustancia: {0}</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>ninguna registrada</translation>
    </message>
    <message>
        <source>What was done: {0}</source>
        <translation>Qué se hizo: {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Disposition: {0}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Resolución: {0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Diversions: {0}</source>
        <translation>Desvíos: {0}</translation>
    </message>
    <message>
        <source>arrest avoided</source>
        <translation>se evitó un arresto</translation>
    </message>
    <message>
        <source>involuntary hospitalisation avoided</source>
        <translation>se evitó una hospitalización involuntaria</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Time on scene: {0} min</source>
        <translation>Tiempo en el lugar: {0} min</translation>
    </message>
    <message>
        <source>Referrals: {0}</source>
        <translation>Remisiones: {0}</translation>
    </message>
    <message>
        <source>&lt;i&gt;Clinician&apos;s notes are treatment records: not shown to police roles (42 CFR Part 2).&lt;/i&gt;</source>
        <translation>&lt;i&gt;Las notas del clínico son registros de tratamiento: no se muestran a los roles policiales (42 CFR Parte 2).&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Clinician&apos;s notes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Notas del clínico&lt;/b&gt;</translation>
    </message>
    <message>
        <source> (amended)</source>
        <translation> (corregida)</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguna todavía</translation>
    </message>
    <message>
        <source>&lt;i&gt;Amended since it was recorded.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Corregida después de registrarse.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>referral sheet</source>
        <translation>hoja de remisión</translation>
    </message>
    <message>
        <source>Saving cancelled: nothing was saved.</source>
        <translation>Guardado cancelado: no se guardó nada.</translation>
    </message>
    <message>
        <source>Referral sheet saved in {0}.</source>
        <translation>Hoja de remisión guardada en {0}.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Nota agregada.</translation>
    </message>
</context>
<context>
    <name>ConflictCard</name>
    <message>
        <source>Conflict: {headline}</source>
        <translation>Conflicto: {headline}</translation>
    </message>
    <message>
        <source>Mark settled</source>
        <translation>Marcar como resuelto</translation>
    </message>
    <message>
        <source>Mark settled ({headline})</source>
        <translation>Marcar como resuelto ({headline})</translation>
    </message>
    <message>
        <source>{record}: change refused by central</source>
        <translation>{record}: cambio rechazado por la central</translation>
    </message>
    <message>
        <source>Conflict: {heading}</source>
        <translation>Conflicto: {heading}</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>(none given)</source>
        <translation>(no se indicó)</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>This laptop</source>
        <translation>Esta computadora</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>Central</translation>
    </message>
    <message>
        <source>{caption}: caption</source>
        <translation>{caption}: título</translation>
    </message>
    <message>
        <source>{caption}: by and when</source>
        <translation>{caption}: quién y cuándo</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Keep central&apos;s</source>
        <translation>Conservar el de la central</translation>
    </message>
    <message>
        <source>Keep this laptop&apos;s</source>
        <translation>Conservar el de esta computadora</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflicto</translation>
    </message>
</context>
<context>
    <name>ConflictList</name>
    <message>
        <source>Open sync conflicts</source>
        <translation>Conflictos de sincronización abiertos</translation>
    </message>
    <message>
        <source>Nothing to settle: everything agreed with central and everything was stored.</source>
        <translation>Nada que resolver: todo coincidió con la central y todo se guardó.</translation>
    </message>
    <message>
        <source>No conflicts</source>
        <translation>Sin conflictos</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>42 CFR Part 2: what the survivor agrees may be shared. Declining, or agreeing to part, still gets them every kind of help.</source>
        <translation>42 CFR Parte 2: lo que el sobreviviente acepta que se comparta. Si no acepta, o acepta solo una parte, igual recibe todo tipo de ayuda.</translation>
    </message>
    <message>
        <source>May share</source>
        <translation>Puede compartirse</translation>
    </message>
    <message>
        <source>What may be shared</source>
        <translation>Qué puede compartirse</translation>
    </message>
    <message>
        <source>To whom: the programs referred</source>
        <translation>Con quién: los programas a los que se remite</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Con</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Cómo</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Hand over to sign…</source>
        <translation>Entregar para firmar…</translation>
    </message>
    <message>
        <source>Open the signing screen for the survivor</source>
        <translation>Abrir la pantalla de firma para el sobreviviente</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Clear the signature</source>
        <translation>Borrar la firma</translation>
    </message>
    <message>
        <source>Paper form no.</source>
        <translation>N.º del formulario en papel</translation>
    </message>
    <message>
        <source>Paper form number</source>
        <translation>Número del formulario en papel</translation>
    </message>
    <message>
        <source>Consent ends on</source>
        <translation>El consentimiento termina el</translation>
    </message>
    <message>
        <source>{US_DATE_HINT}; a year unless the survivor chooses</source>
        <translation>{US_DATE_HINT}; un año, salvo que el sobreviviente elija otra fecha</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Termina el</translation>
    </message>
    <message>
        <source>Who may disclose</source>
        <translation>Quién puede divulgar</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Propósito</translation>
    </message>
    <message>
        <source>The wording changed</source>
        <translation>El texto cambió</translation>
    </message>
    <message>
        <source>What declining means</source>
        <translation>Qué significa no aceptar</translation>
    </message>
    <message>
        <source>The programs on the survivor page</source>
        <translation>Los programas de la página del sobreviviente</translation>
    </message>
    <message>
        <source>The survivor&apos;s details or programs changed</source>
        <translation>Cambiaron los datos o los programas del sobreviviente</translation>
    </message>
    <message>
        <source>The scopes changed</source>
        <translation>Cambió lo que puede compartirse</translation>
    </message>
    <message>
        <source>{why}: the signature was cleared. The survivor signs again.</source>
        <translation>{why}: se borró la firma. El sobreviviente firma de nuevo.</translation>
    </message>
    <message>
        <source>Signed on screen ✓</source>
        <translation>Firmado en pantalla ✓</translation>
    </message>
    <message>
        <source>Not signed yet: Enter hands over the signing screen</source>
        <translation>Aún no firmado: Enter entrega la pantalla de firma</translation>
    </message>
</context>
<context>
    <name>ContactAttemptDialog</name>
    <message>
        <source>Add a contact attempt</source>
        <translation>Agregar un intento de contacto</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Change it if you are writing down an earlier call</source>
        <translation>Cámbielo si está anotando una llamada anterior</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>{capitalize}: closes the follow-up for good.</source>
        <translation>{capitalize}: cierra el seguimiento definitivamente.</translation>
    </message>
</context>
<context>
    <name>ContactCard</name>
    <message>
        <source>Contact card</source>
        <translation>Tarjeta de contacto</translation>
    </message>
</context>
<context>
    <name>ControlRow</name>
    <message>
        <source>{accessible_name}: problem</source>
        <translation>{accessible_name}: problema</translation>
    </message>
    <message>
        <source>{accessible_name}: hint</source>
        <translation>{accessible_name}: sugerencia</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <source>A report for IT, with no personal data in it, was saved as:
{report}</source>
        <translation>Se guardó un informe para el equipo de TI, sin datos personales, en:
{report}</translation>
    </message>
    <message>
        <source>The report for IT could not be saved; the log file has the details.</source>
        <translation>No se pudo guardar el informe para TI; el archivo de registro tiene los detalles.</translation>
    </message>
    <message>
        <source>Crash report location</source>
        <translation>Ubicación del informe de error</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Seguir trabajando</translation>
    </message>
</context>
<context>
    <name>DocumentRow</name>
    <message>
        <source>Print {title}</source>
        <translation>Imprimir {title}</translation>
    </message>
    <message>
        <source>Language of {title}</source>
        <translation>Idioma de {title}</translation>
    </message>
    <message>
        <source>Copies of {title}</source>
        <translation>Copias de {title}</translation>
    </message>
</context>
<context>
    <name>DraftOffer</name>
    <message>
        <source>Unfinished encounter</source>
        <translation>Encuentro sin terminar</translation>
    </message>
    <message>
        <source>You have an unfinished encounter from {time_or_day}.</source>
        <translation>Tiene un encuentro sin terminar de {time_or_day}.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Resume the unfinished encounter</source>
        <translation>Continuar el encuentro sin terminar</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Discard the unfinished encounter</source>
        <translation>Descartar el encuentro sin terminar</translation>
    </message>
</context>
<context>
    <name>DrugIntelCallDialog</name>
    <message>
        <source>Correct a drug intel call</source>
        <translation>Corregir una llamada de inteligencia sobre drogas</translation>
    </message>
    <message>
        <source>Drug intel call</source>
        <translation>Llamada de inteligencia sobre drogas</translation>
    </message>
    <message>
        <source>Never write the name of whoever sold or gave it, nor any other person&apos;s name: this record is about what circulates, and it stays with police.</source>
        <translation>Nunca escriba el nombre de quien la vendió o la dio, ni el de ninguna otra persona: este registro trata de lo que circula y queda en manos de la policía.</translation>
    </message>
    <message>
        <source>No names</source>
        <translation>Sin nombres</translation>
    </message>
    <message>
        <source>Substance</source>
        <translation>Sustancia</translation>
    </message>
    <message>
        <source>What they took, as they named it</source>
        <translation>Lo que consumió, como lo nombró</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>Sello</translation>
    </message>
    <message>
        <source>Printed or pressed on it, e.g. M30</source>
        <translation>Impreso o grabado, p. ej. M30</translation>
    </message>
    <message>
        <source>Packaging</source>
        <translation>Empaque</translation>
    </message>
    <message>
        <source>Pills, baggie, folded paper …</source>
        <translation>Pastillas, bolsita, papel doblado …</translation>
    </message>
    <message>
        <source>Effects</source>
        <translation>Efectos</translation>
    </message>
    <message>
        <source>Area obtained</source>
        <translation>Zona de obtención</translation>
    </message>
    <message>
        <source>A neighbourhood or corridor, not an address</source>
        <translation>Un barrio o corredor, no una dirección</translation>
    </message>
    <message>
        <source>Other notes</source>
        <translation>Otras notas</translation>
    </message>
</context>
<context>
    <name>EncounterWizard</name>
    <message>
        <source>New encounter</source>
        <translation>Nuevo encuentro</translation>
    </message>
    <message>
        <source>New encounter wizard</source>
        <translation>Asistente de nuevo encuentro</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <source>Cancel the new encounter</source>
        <translation>Cancelar el nuevo encuentro</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <source>Save encounter</source>
        <translation>Guardar el encuentro</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Step {position} of {len}: {get}</source>
        <translation>Paso {position} de {len}: {get}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the new encounter</source>
        <translation>Cerrar el nuevo encuentro</translation>
    </message>
    <message>
        <source>A licence was scanned: the survivor page is filled in from it.</source>
        <translation>Se escaneó una licencia: la página del sobreviviente se llenó con sus datos.</translation>
    </message>
    <message>
        <source>The card could not be read ({why}). Type the details instead.</source>
        <translation>No se pudo leer la tarjeta ({why}). Escriba los datos.</translation>
    </message>
    <message>
        <source>Survivor</source>
        <translation>Sobreviviente</translation>
    </message>
    <message>
        <source>Born {value} · {value2}</source>
        <translation>Nació el {value} · {value2}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <source>Phone {value} · lives in {jurisdiction_name}</source>
        <translation>Teléfono {value} · vive en {jurisdiction_name}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Referred to </source>
        <translation>Remitido a </translation>
    </message>
    <message>
        <source>the default programs</source>
        <translation>los programas predeterminados</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incidente</translation>
    </message>
    <message>
        <source>place not given</source>
        <translation>lugar no indicado</translation>
    </message>
    <message>
        <source>Naloxone doses {naloxone_doses} · {value}</source>
        <translation>Dosis de naloxona {naloxone_doses} · {value}</translation>
    </message>
    <message>
        <source>substance unknown</source>
        <translation>sustancia desconocida</translation>
    </message>
    <message>
        <source>agency not given</source>
        <translation>agencia no indicada</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <source> (form {form_number})</source>
        <translation> (formulario {form_number})</translation>
    </message>
    <message>
        <source>Personal phone</source>
        <translation>Teléfono personal</translation>
    </message>
    <message>
        <source>Receipt {property_receipt_no} · {make} {model} {colour}</source>
        <translation>Recibo {property_receipt_no} · {make} {model} {colour}</translation>
    </message>
    <message>
        <source>IMEI {value} · {value2}</source>
        <translation>IMEI {value} · {value2}</translation>
    </message>
    <message>
        <source>not shown</source>
        <translation>no visible</translation>
    </message>
    <message>
        <source>condition not noted</source>
        <translation>estado no anotado</translation>
    </message>
    <message>
        <source>Burner phone {asset_tag} · {phone_number}</source>
        <translation>Teléfono provisional {asset_tag} · {phone_number}</translation>
    </message>
    <message>
        <source>No burner phone</source>
        <translation>Sin teléfono provisional</translation>
    </message>
    <message>
        <source>Bag {recovery_bag}</source>
        <translation>Bolsa {recovery_bag}</translation>
    </message>
    <message>
        <source>No bag (none in stock)</source>
        <translation>Sin bolsa (no hay en existencia)</translation>
    </message>
    <message>
        <source>Burner phone and bag</source>
        <translation>Teléfono provisional y bolsa</translation>
    </message>
    <message numerus="yes">
        <source>{name} ({relationship}) · %n handout(s)</source>
        <translation>
            <numerusform>{name} ({relationship}) · %n folleto</numerusform>
            <numerusform>{name} ({relationship}) · %n folletos</numerusform>
        </translation>
    </message>
    <message>
        <source>family</source>
        <translation>familia</translation>
    </message>
    <message>
        <source>Family and handouts</source>
        <translation>Familia y folletos</translation>
    </message>
    <message>
        <source>No family contacts</source>
        <translation>Sin contactos familiares</translation>
    </message>
    <message>
        <source>Survivor: </source>
        <translation>Sobreviviente: </translation>
    </message>
    <message>
        <source>no handouts</source>
        <translation>sin folletos</translation>
    </message>
    <message>
        <source>The draft could not be kept: {message_for}</source>
        <translation>No se pudo guardar el borrador: {message_for}</translation>
    </message>
    <message>
        <source>Unfinished encounter</source>
        <translation>Encuentro sin terminar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Resume the unfinished encounter</source>
        <translation>Continuar el encuentro sin terminar</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>Descartarlo</translation>
    </message>
    <message>
        <source>Discard the unfinished encounter</source>
        <translation>Descartar el encuentro sin terminar</translation>
    </message>
    <message>
        <source>Resume the encounter you started at {time_or_day}?</source>
        <translation>¿Continuar el encuentro que empezó a las {time_or_day}?</translation>
    </message>
    <message>
        <source>Resumed where you stopped, as it was typed. Back shows the pages before.</source>
        <translation>Continúa donde se detuvo, tal como lo escribió. Atrás muestra las páginas anteriores.</translation>
    </message>
    <message>
        <source>Resumed as it was typed. Check this page, then press Enter to go on.</source>
        <translation>Continúa tal como lo escribió. Revise esta página y luego presione Enter para seguir.</translation>
    </message>
    <message>
        <source>Leave the new encounter?</source>
        <translation>¿Salir del nuevo encuentro?</translation>
    </message>
    <message>
        <source>Keep what you typed as a draft, to finish later?</source>
        <translation>¿Guardar lo que escribió como borrador, para terminarlo después?</translation>
    </message>
    <message>
        <source>Leave the new encounter</source>
        <translation>Salir del nuevo encuentro</translation>
    </message>
    <message>
        <source>Keep the draft</source>
        <translation>Guardar el borrador</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <source>Discard the draft</source>
        <translation>Descartar el borrador</translation>
    </message>
    <message>
        <source>Continue the encounter</source>
        <translation>Seguir con el encuentro</translation>
    </message>
</context>
<context>
    <name>EnrollBox</name>
    <message>
        <source>Enroll this laptop with central</source>
        <translation>Inscribir esta computadora en la central</translation>
    </message>
    <message>
        <source>Central server address</source>
        <translation>Dirección del servidor central</translation>
    </message>
    <message>
        <source>As IT gave it, e.g. https://central.example.org</source>
        <translation>Tal como se la dio TI, p. ej. https://central.example.org</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Código de inscripción</translation>
    </message>
    <message>
        <source>One-time, from a supervisor at central; valid 24 hours.</source>
        <translation>De un solo uso, de un supervisor en la central; válido por 24 horas.</translation>
    </message>
    <message>
        <source>Only if IT gave you one</source>
        <translation>Solo si TI le dio uno</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>Archivo de certificado de CA</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>Elegir el archivo de certificado de CA</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Código:</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>Archivo de CA:</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Inscribir</translation>
    </message>
    <message>
        <source>Enroll this laptop</source>
        <translation>Inscribir esta computadora</translation>
    </message>
    <message>
        <source>Enrolling</source>
        <translation>Inscribiendo</translation>
    </message>
    <message>
        <source>Enrollment message</source>
        <translation>Mensaje de inscripción</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obligatorio.</translation>
    </message>
    <message>
        <source>CA certificate for central</source>
        <translation>Certificado de CA de la central</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Certificados (*.pem *.crt);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>FamilyContactRow</name>
    <message>
        <source>may be contacted</source>
        <translation>se le puede contactar</translation>
    </message>
    <message>
        <source>not to be contacted</source>
        <translation>no se le debe contactar</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>sin teléfono</translation>
    </message>
    <message>
        <source>Family contact {name}</source>
        <translation>Contacto familiar {name}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>Quitar a {name}</translation>
    </message>
    <message>
        <source>Give {name} the handout {title}</source>
        <translation>Darle a {name} el folleto {title}</translation>
    </message>
</context>
<context>
    <name>FamilyPage</name>
    <message>
        <source>Family members the program may call, with their handouts, and the survivor&apos;s handouts.</source>
        <translation>Familiares a quienes el programa puede llamar, con sus folletos, y los folletos del sobreviviente.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Enter adds them; with the name empty, Enter goes on</source>
        <translation>Enter lo agrega; con el nombre vacío, Enter sigue adelante</translation>
    </message>
    <message>
        <source>Family member&apos;s name</source>
        <translation>Nombre del familiar</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Family member&apos;s phone</source>
        <translation>Teléfono del familiar</translation>
    </message>
    <message>
        <source>Agrees to be contacted by the program</source>
        <translation>Acepta que el programa lo contacte</translation>
    </message>
    <message>
        <source>Family member agrees to be contacted</source>
        <translation>El familiar acepta que lo contacten</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>Family member&apos;s language</source>
        <translation>Idioma del familiar</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Agregar contacto</translation>
    </message>
    <message>
        <source>Add family contact</source>
        <translation>Agregar contacto familiar</translation>
    </message>
    <message>
        <source>No family contacts added yet.</source>
        <translation>Todavía no se agregaron contactos familiares.</translation>
    </message>
    <message>
        <source>No family contacts added yet</source>
        <translation>Todavía no se agregaron contactos familiares</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Family contacts added</source>
        <translation>Contactos familiares agregados</translation>
    </message>
    <message>
        <source>Survivor&apos;s handouts</source>
        <translation>Folletos del sobreviviente</translation>
    </message>
    <message>
        <source>Handouts to give the survivor</source>
        <translation>Folletos para el sobreviviente</translation>
    </message>
    <message>
        <source>{title}  ({stock} in stock)</source>
        <translation>{title}  ({stock} en existencia)</translation>
    </message>
    <message>
        <source>Give the survivor {title}</source>
        <translation>Darle al sobreviviente {title}</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source>{accessible_name}: problem</source>
        <translation>{accessible_name}: problema</translation>
    </message>
    <message>
        <source>{accessible_name}: hint</source>
        <translation>{accessible_name}: sugerencia</translation>
    </message>
</context>
<context>
    <name>FollowUpOutcomeDialog</name>
    <message>
        <source>Record the follow-up outcome</source>
        <translation>Registrar el resultado del seguimiento</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>An outcome closes the follow-up for good: it cannot be reopened.</source>
        <translation>Un resultado cierra el seguimiento definitivamente: no se puede reabrir.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>{title}: message</source>
        <translation>{title}: mensaje</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>HandoutsTab</name>
    <message>
        <source>Handout stock</source>
        <translation>Existencias de folletos</translation>
    </message>
    <message>
        <source>Handout stock message</source>
        <translation>Mensaje de existencias de folletos</translation>
    </message>
    <message>
        <source>Restock…</source>
        <translation>Reponer…</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>Reponer</translation>
    </message>
    <message>
        <source>{title} ({upper}): {stock} in stock.</source>
        <translation>{title} ({upper}): {stock} en existencia.</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <source>Burner phone IMEI or asset tag</source>
        <translation>IMEI o etiqueta de inventario del teléfono provisional</translation>
    </message>
    <message>
        <source>Scan it: a full IMEI is looked up at once</source>
        <translation>Escanéelo: un IMEI completo se busca de inmediato</translation>
    </message>
    <message>
        <source>Burner phone</source>
        <translation>Teléfono provisional</translation>
    </message>
    <message>
        <source>Burner phone found</source>
        <translation>Teléfono provisional encontrado</translation>
    </message>
    <message>
        <source>I checked these contacts on the handset</source>
        <translation>Revisé estos contactos en el teléfono</translation>
    </message>
    <message>
        <source>Contacts checked on the handset</source>
        <translation>Contactos revisados en el teléfono</translation>
    </message>
    <message>
        <source>Recovery bag</source>
        <translation>Bolsa de recuperación</translation>
    </message>
    <message>
        <source>What the bag holds</source>
        <translation>Lo que contiene la bolsa</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Contiene</translation>
    </message>
    <message>
        <source>I checked the bag holds all of this</source>
        <translation>Revisé que la bolsa contiene todo esto</translation>
    </message>
    <message>
        <source>Bag contents checked</source>
        <translation>Contenido de la bolsa revisado</translation>
    </message>
    <message>
        <source>Scan the burner phone and check its contacts, then the bag handed over with it.</source>
        <translation>Escanee el teléfono provisional y revise sus contactos; luego la bolsa que se entrega con él.</translation>
    </message>
    <message>
        <source>Not a city resident: no burner phone, but the recovery bag all the same.</source>
        <translation>No reside en la ciudad: sin teléfono provisional, pero igual recibe la bolsa de recuperación.</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>   (none)</source>
        <translation>   (ninguno)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>{asset_tag} · {phone_number} · {carrier}
Programmed contacts (last verified {verified}):
{contacts}</source>
        <translation>{asset_tag} · {phone_number} · {carrier}
Contactos programados (última verificación {verified}):
{contacts}</translation>
    </message>
    <message>
        <source>No assembled recovery bag in the inventory: assemble one first.</source>
        <translation>No hay bolsas de recuperación preparadas en el inventario: prepare una primero.</translation>
    </message>
    <message>
        <source>No assembled recovery bag in the inventory: none can be handed over this time.</source>
        <translation>No hay bolsas de recuperación preparadas en el inventario: esta vez no se puede entregar ninguna.</translation>
    </message>
    <message>
        <source>pick the recovery bag handed over</source>
        <translation>elija la bolsa de recuperación que se entregó</translation>
    </message>
    <message>
        <source>bag {label}: {reason}; swap the kit</source>
        <translation>bolsa {label}: {reason}; cambie el kit</translation>
    </message>
    <message>
        <source>tick once you have checked the bag holds everything listed</source>
        <translation>marque cuando haya revisado que la bolsa contiene todo lo indicado</translation>
    </message>
    <message>
        <source>tick once the handset shows these contacts</source>
        <translation>marque cuando el teléfono muestre estos contactos</translation>
    </message>
</context>
<context>
    <name>HeldBackCard</name>
    <message>
        <source>Held back: {headline}</source>
        <translation>Retenido: {headline}</translation>
    </message>
    <message>
        <source>Held back since {time_or_day}</source>
        <translation>Retenido desde {time_or_day}</translation>
    </message>
    <message>
        <source>Held back since</source>
        <translation>Retenido desde</translation>
    </message>
</context>
<context>
    <name>HourBars</name>
    <message>
        <source>Calls by hour of the day</source>
        <translation>Llamadas por hora del día</translation>
    </message>
    <message>
        <source>No calls</source>
        <translation>Sin llamadas</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>CSV import report</source>
        <translation>Informe de importación CSV</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n phone(s).</source>
        <translation>
            <numerusform>Se importó %n teléfono.</numerusform>
            <numerusform>Se importaron %n teléfonos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %n line(s) were skipped; fix them in the file and import it again:</source>
        <translation>
            <numerusform> Se omitió %n línea; corríjala en el archivo e impórtelo de nuevo:</numerusform>
            <numerusform> Se omitieron %n líneas; corríjalas en el archivo e impórtelo de nuevo:</numerusform>
        </translation>
    </message>
    <message>
        <source>Import summary</source>
        <translation>Resumen de la importación</translation>
    </message>
    <message>
        <source>Lines not imported</source>
        <translation>Líneas no importadas</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>IncidentPage</name>
    <message>
        <source>The overdose, with the fields ODMAP asks for.</source>
        <translation>La sobredosis, con los campos que pide ODMAP.</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Address or block</source>
        <translation>Dirección o cuadra</translation>
    </message>
    <message>
        <source>Where it happened</source>
        <translation>Dónde ocurrió</translation>
    </message>
    <message>
        <source>Naloxone doses</source>
        <translation>Dosis de naloxona</translation>
    </message>
    <message>
        <source>Naloxone doses given</source>
        <translation>Dosis de naloxona administradas</translation>
    </message>
    <message>
        <source>0 if no naloxone was given</source>
        <translation>0 si no se dio naloxona</translation>
    </message>
    <message>
        <source>Non-fatal: the survivor is met at the bedside</source>
        <translation>No mortal: se atiende al sobreviviente junto a la cama</translation>
    </message>
    <message>
        <source>Fatal or non-fatal</source>
        <translation>Mortal o no mortal</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Suspected substance</source>
        <translation>Sustancia que se sospecha</translation>
    </message>
    <message>
        <source>When the overdose happened</source>
        <translation>Cuándo ocurrió la sobredosis</translation>
    </message>
    <message>
        <source>Now unless you type it: {US_MOMENT_HINT}</source>
        <translation>Ahora, salvo que escriba otra: {US_MOMENT_HINT}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Responding agency</source>
        <translation>Agencia que respondió</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <source>{title}, e.g. {example}</source>
        <translation>{title}, p. ej. {example}</translation>
    </message>
    <message>
        <source>Map location</source>
        <translation>Ubicación en el mapa</translation>
    </message>
    <message>
        <source>Optional, in decimal degrees: both or neither</source>
        <translation>Opcional, en grados decimales: ambos o ninguno</translation>
    </message>
</context>
<context>
    <name>InventoryView</name>
    <message>
        <source>Inventory</source>
        <translation>Inventario</translation>
    </message>
    <message>
        <source>Inventory sections</source>
        <translation>Secciones del inventario</translation>
    </message>
    <message>
        <source>Burner &amp;phones</source>
        <translation>&amp;Teléfonos provisionales</translation>
    </message>
    <message>
        <source>Recovery &amp;bags</source>
        <translation>&amp;Bolsas de recuperación</translation>
    </message>
    <message>
        <source>&amp;Handout stock</source>
        <translation>Existencias de &amp;folletos</translation>
    </message>
</context>
<context>
    <name>KeyringWarning</name>
    <message>
        <source>Keyring warning</source>
        <translation>Aviso sobre el llavero</translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>Entendido</translation>
    </message>
    <message>
        <source>Hide the keyring warning</source>
        <translation>Ocultar el aviso sobre el llavero</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Burner Desk — {agency}</source>
        <translation>Burner Desk — {agency}</translation>
    </message>
    <message>
        <source>Burner Desk main window</source>
        <translation>Ventana principal de Burner Desk</translation>
    </message>
    <message>
        <source>Main menu</source>
        <translation>Menú principal</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sesión</translation>
    </message>
    <message>
        <source>Session menu</source>
        <translation>Menú de sesión</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>S&amp;alir</translation>
    </message>
    <message>
        <source>Change my &amp;passphrase…</source>
        <translation>Cambiar mi &amp;frase de contraseña…</translation>
    </message>
    <message>
        <source>&amp;Language of my screens…</source>
        <translation>&amp;Idioma de mis pantallas…</translation>
    </message>
    <message>
        <source>&amp;Encounter</source>
        <translation>&amp;Encuentro</translation>
    </message>
    <message>
        <source>Encounter menu</source>
        <translation>Menú de encuentro</translation>
    </message>
    <message>
        <source>&amp;New encounter…</source>
        <translation>&amp;Nuevo encuentro…</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Informes</translation>
    </message>
    <message>
        <source>Reports menu</source>
        <translation>Menú de informes</translation>
    </message>
    <message>
        <source>&amp;ODMAP export…</source>
        <translation>Exportación a &amp;ODMAP…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>View menu</source>
        <translation>Menú Ver</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Sesión iniciada como</translation>
    </message>
    <message>
        <source>Lock  (Ctrl+L)</source>
        <translation>Bloquear  (Ctrl+L)</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Lock the vault now. Unlocking needs your passphrase.</source>
        <translation>Bloquear la bóveda ahora. Para desbloquearla se necesita su frase de contraseña.</translation>
    </message>
    <message>
        <source>Main window message</source>
        <translation>Mensaje de la ventana principal</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vistas</translation>
    </message>
    <message>
        <source>Current view</source>
        <translation>Vista actual</translation>
    </message>
</context>
<context>
    <name>MyAccountBox</name>
    <message>
        <source>Just for me ({user_name})</source>
        <translation>Solo para mí ({user_name})</translation>
    </message>
    <message>
        <source>Just for me</source>
        <translation>Solo para mí</translation>
    </message>
    <message>
        <source>Language of my screens</source>
        <translation>Idioma de mis pantallas</translation>
    </message>
    <message>
        <source>Save my language</source>
        <translation>Guardar mi idioma</translation>
    </message>
    <message>
        <source>&amp;Language of my screens:</source>
        <translation>&amp;Idioma de mis pantallas:</translation>
    </message>
    <message>
        <source>It applies from your next sign-in (Ctrl+L locks; unlock again).</source>
        <translation>Se aplica desde su próximo inicio de sesión (Ctrl+L bloquea; desbloquee de nuevo).</translation>
    </message>
    <message>
        <source>Language of my screens: hint</source>
        <translation>Idioma de mis pantallas: indicación</translation>
    </message>
    <message>
        <source>Change my passphrase…</source>
        <translation>Cambiar mi frase de contraseña…</translation>
    </message>
    <message>
        <source>Change my passphrase</source>
        <translation>Cambiar mi frase de contraseña</translation>
    </message>
    <message>
        <source>Just for me: message</source>
        <translation>Solo para mí: mensaje</translation>
    </message>
    <message>
        <source>{language} saved: your screens speak it from your next sign-in.</source>
        <translation>{language} guardado: sus pantallas lo hablan desde su próximo inicio de sesión.</translation>
    </message>
    <message>
        <source>Your passphrase was changed. Use the new one from now on.</source>
        <translation>Se cambió su frase de contraseña. Use la nueva de ahora en adelante.</translation>
    </message>
</context>
<context>
    <name>NoteAmendDialog</name>
    <message>
        <source>Amend your clinician&apos;s note</source>
        <translation>Corregir su nota de clínico</translation>
    </message>
    <message>
        <source>Which of your notes</source>
        <translation>Cuál de sus notas</translation>
    </message>
    <message>
        <source>The note as it should read</source>
        <translation>La nota tal como debe quedar</translation>
    </message>
    <message>
        <source>Note amendment message</source>
        <translation>Mensaje de la corrección de la nota</translation>
    </message>
    <message>
        <source>Save amended note</source>
        <translation>Guardar la nota corregida</translation>
    </message>
    <message>
        <source>Save the amended note</source>
        <translation>Guardar la nota corregida</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel: the note stays as it was</source>
        <translation>Cancelar: la nota queda como estaba</translation>
    </message>
    <message>
        <source>A treatment record: police roles never see it. The change is audited.</source>
        <translation>Un registro de tratamiento: los roles policiales nunca lo ven. La corrección queda en la auditoría.</translation>
    </message>
</context>
<context>
    <name>OdmapExportDialog</name>
    <message>
        <source>ODMAP export</source>
        <translation>Exportación a ODMAP</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>&amp;Only new or changed incidents</source>
        <translation>&amp;Solo incidentes nuevos o modificados</translation>
    </message>
    <message>
        <source>Only new or changed incidents</source>
        <translation>Solo incidentes nuevos o modificados</translation>
    </message>
    <message>
        <source>Leaves out incidents this laptop exported before that have not changed since.</source>
        <translation>Omite los incidentes que esta computadora ya exportó y que no cambiaron desde entonces.</translation>
    </message>
    <message>
        <source>One row per incident with ODMAP&apos;s fields only: date and time, the block (not the address), coordinates rounded to about a block, fatal or not, naloxone and doses, suspected drug, responding agency. No names, birth dates, phones, IMEIs, receipts or drug intelligence. The export is recorded in the audit trail.</source>
        <translation>Una fila por incidente, solo con los campos de ODMAP: fecha y hora, la cuadra (no la dirección), coordenadas redondeadas a una cuadra aproximadamente, si fue mortal o no, naloxona y dosis, droga que se sospecha, agencia que respondió. Sin nombres, fechas de nacimiento, teléfonos, IMEI, recibos ni inteligencia sobre drogas. La exportación queda registrada en el registro de auditoría.</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>ODMAP export message</source>
        <translation>Mensaje de la exportación a ODMAP</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) written to {0}.</source>
        <translation>
            <numerusform>%n incidente escrito en {0}.</numerusform>
            <numerusform>%n incidentes escritos en {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n exported before and unchanged left out.</source>
        <translation>
            <numerusform>Se omitió %n ya exportado y sin cambios.</numerusform>
            <numerusform>Se omitieron %n ya exportados y sin cambios.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the ODMAP export</source>
        <translation>Guardar la exportación a ODMAP</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>PersonalPhonePage</name>
    <message>
        <source>The survivor&apos;s own phone goes into property; the receipt number is on their copy.</source>
        <translation>El teléfono propio del sobreviviente queda bajo custodia; el número de recibo está en su copia.</translation>
    </message>
    <message>
        <source>Make and model</source>
        <translation>Marca y modelo</translation>
    </message>
    <message>
        <source>e.g. Samsung Galaxy A14: the first word is the make</source>
        <translation>p. ej. Samsung Galaxy A14: la primera palabra es la marca</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>15 digits (dial *#06#); empty if a locked phone hides it</source>
        <translation>15 dígitos (marque *#06#); vacío si un teléfono bloqueado lo oculta</translation>
    </message>
    <message>
        <source>Personal phone IMEI</source>
        <translation>IMEI del teléfono personal</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>Número de recibo</translation>
    </message>
    <message>
        <source>Numbered by this laptop; type the paper receipt&apos;s if you wrote one</source>
        <translation>Numerado por esta computadora; escriba el del recibo en papel si llenó uno</translation>
    </message>
    <message>
        <source>Property receipt number</source>
        <translation>Número del recibo de pertenencias</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Estado físico</translation>
    </message>
    <message>
        <source>Stored in</source>
        <translation>Guardado en</translation>
    </message>
    <message>
        <source>Storage location</source>
        <translation>Lugar de custodia</translation>
    </message>
</context>
<context>
    <name>PhonesTab</name>
    <message>
        <source>Burner phones</source>
        <translation>Teléfonos provisionales</translation>
    </message>
    <message>
        <source>Select a phone to see its programmed contacts.</source>
        <translation>Seleccione un teléfono para ver sus contactos programados.</translation>
    </message>
    <message>
        <source>Programmed contacts of the selected phone</source>
        <translation>Contactos programados del teléfono seleccionado</translation>
    </message>
    <message>
        <source>Burner phones message</source>
        <translation>Mensaje de teléfonos provisionales</translation>
    </message>
    <message>
        <source>Add phone…</source>
        <translation>Agregar teléfono…</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importar CSV…</translation>
    </message>
    <message>
        <source>Verify contacts…</source>
        <translation>Verificar contactos…</translation>
    </message>
    <message>
        <source>Re-tag…</source>
        <translation>Cambiar etiqueta…</translation>
    </message>
    <message>
        <source>Mark returned</source>
        <translation>Marcar como devuelto</translation>
    </message>
    <message>
        <source>Mark lost</source>
        <translation>Marcar como perdido</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Dar de baja</translation>
    </message>
    <message>
        <source>{asset_tag} calls {listed}. Last verified {local_time}.</source>
        <translation>{asset_tag} llama a {listed}. Última verificación: {local_time}.</translation>
    </message>
    <message>
        <source>Importing burner phones…</source>
        <translation>Importando teléfonos provisionales…</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progreso de la importación</translation>
    </message>
    <message>
        <source>Did you call each programmed contact from {asset_tag} and reach the right person?</source>
        <translation>¿Llamó a cada contacto programado desde {asset_tag} y habló con la persona correcta?</translation>
    </message>
    <message>
        <source>{asset_tag}: {status_text}, contacts verified {local_time}.</source>
        <translation>{asset_tag}: {status_text}, contactos verificados {local_time}.</translation>
    </message>
    <message>
        <source>Import burner phones</source>
        <translation>Importar teléfonos provisionales</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Verify programmed contacts</source>
        <translation>Verificar los contactos programados</translation>
    </message>
</context>
<context>
    <name>PilotPanel</name>
    <message>
        <source>Co-response pilot figures</source>
        <translation>Cifras del piloto de respuesta conjunta</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>Pilot figures message</source>
        <translation>Mensaje de las cifras del piloto</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>People served</source>
        <translation>Personas atendidas</translation>
    </message>
    <message>
        <source>Outside pilot hours</source>
        <translation>Fuera del horario del piloto</translation>
    </message>
    <message>
        <source>How they came</source>
        <translation>Cómo llegaron</translation>
    </message>
    <message>
        <source>Dispositions</source>
        <translation>Resoluciones</translation>
    </message>
    <message>
        <source>Arrests</source>
        <translation>Arrestos</translation>
    </message>
    <message>
        <source>Diversions</source>
        <translation>Desvíos</translation>
    </message>
    <message>
        <source>Repeat contacts (90 days)</source>
        <translation>Contactos repetidos (90 días)</translation>
    </message>
    <message>
        <source>Time on scene</source>
        <translation>Tiempo en el lugar</translation>
    </message>
    <message>
        <source>Co-response pilot (ACORP)</source>
        <translation>Piloto de respuesta conjunta (ACORP)</translation>
    </message>
    <message>
        <source>Calls by hour (pilot hours shaded)</source>
        <translation>Llamadas por hora (horario del piloto sombreado)</translation>
    </message>
    <message>
        <source>{0} (ECO/TDO: {1})</source>
        <translation>{0} (ECO/TDO: {1})</translation>
    </message>
    <message>
        <source>arrest avoided {0}; involuntary hospitalisation avoided {1}</source>
        <translation>arresto evitado {0}; hospitalización involuntaria evitada {1}</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n llamada</numerusform>
            <numerusform>%n llamadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n persona</numerusform>
            <numerusform>%n personas</numerusform>
        </translation>
    </message>
    <message>
        <source>median {0} min, mean {1} min</source>
        <translation>mediana {0} min, promedio {1} min</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print documents</source>
        <translation>Imprimir documentos</translation>
    </message>
    <message>
        <source>Choose what to print, the language of each and how many copies.</source>
        <translation>Elija qué imprimir, el idioma de cada documento y cuántas copias.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copias</translation>
    </message>
    <message>
        <source>Printing status</source>
        <translation>Estado de la impresión</translation>
    </message>
    <message>
        <source>Sheets sent to the printer</source>
        <translation>Hojas enviadas a la impresora</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Print, choosing the printer</source>
        <translation>Imprimir, eligiendo la impresora</translation>
    </message>
    <message>
        <source>Print to default printer</source>
        <translation>Imprimir en la impresora predeterminada</translation>
    </message>
    <message>
        <source>Print to the default printer</source>
        <translation>Imprimir en la impresora predeterminada</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Save as PDF files</source>
        <translation>Guardar como archivos PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the print dialog</source>
        <translation>Cerrar el diálogo de impresión</translation>
    </message>
    <message numerus="yes">
        <source>Preparing %n document(s)…</source>
        <translation>
            <numerusform>Preparando %n documento…</numerusform>
            <numerusform>Preparando %n documentos…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending the pages to the printer: {sheets} of %n sheet(s)…</source>
        <translation>
            <numerusform>Enviando las páginas a la impresora: {sheets} de %n hoja…</numerusform>
            <numerusform>Enviando las páginas a la impresora: {sheets} de %n hojas…</numerusform>
        </translation>
    </message>
    <message>
        <source>Printed {summary}.</source>
        <translation>Se imprimió: {summary}.</translation>
    </message>
    <message numerus="yes">
        <source>Saving %n PDF file(s)…</source>
        <translation>
            <numerusform>Guardando %n archivo PDF…</numerusform>
            <numerusform>Guardando %n archivos PDF…</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved {summary} as PDF in {folder}.</source>
        <translation>Se guardó {summary} como PDF en {folder}.</translation>
    </message>
</context>
<context>
    <name>PrintQueuePage</name>
    <message>
        <source>Encounter saved</source>
        <translation>Encuentro guardado</translation>
    </message>
    <message>
        <source>Documents to print</source>
        <translation>Documentos para imprimir</translation>
    </message>
    <message>
        <source>Print all</source>
        <translation>Imprimir todo</translation>
    </message>
    <message>
        <source>Print all the documents</source>
        <translation>Imprimir todos los documentos</translation>
    </message>
    <message>
        <source>Choose what to print…</source>
        <translation>Elegir qué imprimir…</translation>
    </message>
    <message>
        <source>Choose the documents, languages and copies</source>
        <translation>Elegir los documentos, los idiomas y las copias</translation>
    </message>
    <message>
        <source>Saved: {person_name}. {value} — due by {local_time}.</source>
        <translation>Guardado: {person_name}. {value} — antes de {local_time}.</translation>
    </message>
    <message>
        <source>Enter prints all of these, each in the survivor&apos;s or family member&apos;s language.</source>
        <translation>Enter los imprime todos, cada uno en el idioma del sobreviviente o del familiar.</translation>
    </message>
    <message>
        <source>{text} Close when the papers are handed over.</source>
        <translation>{text} Cierre cuando haya entregado los papeles.</translation>
    </message>
</context>
<context>
    <name>ProgramView</name>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>El mes pasado</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 días</translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation>En lo que va del año</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Personalizado…</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Save monthly report…</source>
        <translation>Guardar el informe mensual…</translation>
    </message>
    <message>
        <source>Save the report as PDF and CSV</source>
        <translation>Guardar el informe como PDF y CSV</translation>
    </message>
    <message>
        <source>The figures of the period as a PDF for the Work Group, and a CSV</source>
        <translation>Las cifras del período en un PDF para el Grupo de Trabajo, y un CSV</translation>
    </message>
    <message>
        <source>When the figures were computed</source>
        <translation>Cuándo se calcularon las cifras</translation>
    </message>
    <message>
        <source>Program message</source>
        <translation>Mensaje del programa</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Período:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>reached within 48 hours</source>
        <translation>contactados en 48 horas</translation>
    </message>
    <message>
        <source>median hours to first contact</source>
        <translation>mediana de horas al primer contacto</translation>
    </message>
    <message>
        <source>overdue now</source>
        <translation>vencidos ahora</translation>
    </message>
    <message>
        <source>entered treatment</source>
        <translation>ingresaron a tratamiento</translation>
    </message>
    <message>
        <source>survivors met</source>
        <translation>sobrevivientes atendidos</translation>
    </message>
    <message>
        <source>The 48-hour promise in words</source>
        <translation>La promesa de las 48 horas, en palabras</translation>
    </message>
    <message>
        <source>From the bedside to treatment</source>
        <translation>De la cama del hospital al tratamiento</translation>
    </message>
    <message>
        <source>Week by week</source>
        <translation>Semana a semana</translation>
    </message>
    <message>
        <source>Every figure</source>
        <translation>Todas las cifras</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Counted by the day each survivor was met (UTC days). Treatment figures count only survivors whose consent shares the outcome with police (42 CFR Part 2); counts from 1 to 4 read “&lt;5”.</source>
        <translation>Se cuenta por el día en que se atendió a cada sobreviviente (días UTC). Las cifras de tratamiento cuentan solo a los sobrevivientes cuyo consentimiento comparte el resultado con la policía (42 CFR Parte 2); los conteos de 1 a 4 se muestran como “&lt;5”.</translation>
    </message>
    <message>
        <source>Program figures</source>
        <translation>Cifras del programa</translation>
    </message>
    <message>
        <source>As of {time}</source>
        <translation>A las {time}</translation>
    </message>
    <message>
        <source>No follow-up of this period has run its 48 hours yet.</source>
        <translation>Ningún seguimiento de este período ha cumplido todavía sus 48 horas.</translation>
    </message>
    <message numerus="yes">
        <source>{in_time} of %n survivor(s) whose 48 hours are over were reached in time ({first} called first).</source>
        <translation>
            <numerusform>{in_time} de %n sobreviviente cuyas 48 horas ya pasaron fue contactado a tiempo ({first} llamaron primero).</numerusform>
            <numerusform>{in_time} de %n sobrevivientes cuyas 48 horas ya pasaron fueron contactados a tiempo ({first} llamaron primero).</numerusform>
        </translation>
    </message>
    <message>
        <source>Getting to treatment: intake scheduled {intake}, entered treatment {treatment}, of {shared} whose consent shares the outcome with police.</source>
        <translation>Acceso a tratamiento: admisión programada {intake}, ingresaron a tratamiento {treatment}, de {shared} cuyo consentimiento comparte el resultado con la policía.</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Atendidos</translation>
    </message>
    <message>
        <source>Burner phone</source>
        <translation>Teléfono provisional</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Contactados</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Admisión</translation>
    </message>
    <message>
        <source>Treatment</source>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <source>Survivors</source>
        <translation>Sobrevivientes</translation>
    </message>
    <message>
        <source>{step} ({count})</source>
        <translation>{step} ({count})</translation>
    </message>
    <message>
        <source>met</source>
        <translation>atendidos</translation>
    </message>
    <message>
        <source>reached within 48 h</source>
        <translation>contactados dentro de 48 h</translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>a week&apos;s Monday on the chart&apos;s axis: a QDate format</comment>
        <translation>d MMM</translation>
    </message>
    <message>
        <source>Save the monthly report</source>
        <translation>Guardar el informe mensual</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the report…</source>
        <translation>Guardando el informe…</translation>
    </message>
    <message>
        <source>Report saved: {pdf} and {csv}</source>
        <translation>Informe guardado: {pdf} y {csv}</translation>
    </message>
    <message>
        <source>{file} already exists: nothing was saved. Choose another name.</source>
        <translation>{file} ya existe: no se guardó nada. Elija otro nombre.</translation>
    </message>
    <message>
        <source>The report could not be saved there ({reason}). Choose another folder.</source>
        <translation>No se pudo guardar el informe ahí ({reason}). Elija otra carpeta.</translation>
    </message>
</context>
<context>
    <name>RecordHomeVisitDialog</name>
    <message>
        <source>Record the home visit</source>
        <translation>Registrar la visita al hogar</translation>
    </message>
    <message>
        <source>no address recorded</source>
        <translation>no se registró dirección</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>Visitado el</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Con quién se reunió</translation>
    </message>
    <message>
        <source>Who the team met, e.g. the survivor and their mother</source>
        <translation>Con quién se reunió el equipo, p. ej. el sobreviviente y su madre</translation>
    </message>
    <message>
        <source>Naloxone training</source>
        <translation>Capacitación en naloxona</translation>
    </message>
    <message>
        <source>Given to whom; leave empty if none was given</source>
        <translation>A quién se le dio; déjelo vacío si no se dio</translation>
    </message>
    <message>
        <source>Ride to treatment {label}</source>
        <translation>Traslado a tratamiento: {label}</translation>
    </message>
    <message>
        <source>Ride to treatment</source>
        <translation>Traslado a tratamiento</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>RenameUserDialog</name>
    <message>
        <source>Rename {display_name}</source>
        <translation>Cambiar el nombre de {display_name}</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Cambiar nombre</translation>
    </message>
    <message>
        <source>New sign-in name</source>
        <translation>Nuevo nombre de usuario</translation>
    </message>
    <message>
        <source>now {user_name}; letters, digits, dot, dash or underscore</source>
        <translation>ahora {user_name}; letras, dígitos, punto, guion o guion bajo</translation>
    </message>
</context>
<context>
    <name>ResourcesView</name>
    <message>
        <source>Resources</source>
        <translation>Recursos</translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation>Jurisdicción</translation>
    </message>
    <message>
        <source>Kind of resource</source>
        <translation>Tipo de recurso</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <source>Resource directory</source>
        <translation>Directorio de recursos</translation>
    </message>
    <message>
        <source>Selected resource</source>
        <translation>Recurso seleccionado</translation>
    </message>
    <message>
        <source>The directory comes from the central system; sample data until the first sync.</source>
        <translation>El directorio viene del sistema central; datos de ejemplo hasta la primera sincronización.</translation>
    </message>
    <message>
        <source>About the directory</source>
        <translation>Acerca del directorio</translation>
    </message>
    <message>
        <source>Resources message</source>
        <translation>Mensaje de recursos</translation>
    </message>
    <message>
        <source>&amp;Jurisdiction:</source>
        <translation>&amp;Jurisdicción:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>No resources listed.</source>
        <translation>No hay recursos en la lista.</translation>
    </message>
</context>
<context>
    <name>RestockDialog</name>
    <message>
        <source>Restock a handout</source>
        <translation>Reponer un folleto</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>Reponer</translation>
    </message>
    <message>
        <source>{title} ({upper}): {stock} in stock</source>
        <translation>{title} ({upper}): {stock} en existencia</translation>
    </message>
    <message>
        <source>Handout</source>
        <translation>Folleto</translation>
    </message>
    <message>
        <source>Copies added</source>
        <translation>Copias agregadas</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <source>Lock and restore</source>
        <translation>Bloquear y restaurar</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Archivo de copia de seguridad</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Choose the backup file</source>
        <translation>Elegir el archivo de copia de seguridad</translation>
    </message>
    <message>
        <source>Backup file:</source>
        <translation>Archivo de copia de seguridad:</translation>
    </message>
    <message>
        <source>Your passphrase</source>
        <translation>Su frase de contraseña</translation>
    </message>
    <message>
        <source>the one you used when the backup was made</source>
        <translation>la que usaba cuando se hizo la copia de seguridad</translation>
    </message>
    <message>
        <source>Choose the backup file.</source>
        <translation>Elija el archivo de copia de seguridad.</translation>
    </message>
    <message>
        <source>There is no file at this path.</source>
        <translation>No hay ningún archivo en esta ruta.</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Escriba su frase de contraseña.</translation>
    </message>
</context>
<context>
    <name>RetagPhoneDialog</name>
    <message>
        <source>Re-tag phone {asset_tag}</source>
        <translation>Cambiar la etiqueta del teléfono {asset_tag}</translation>
    </message>
    <message>
        <source>Re-tag</source>
        <translation>Cambiar etiqueta</translation>
    </message>
    <message>
        <source>New asset tag</source>
        <translation>Nueva etiqueta de inventario</translation>
    </message>
    <message>
        <source>IMEI {imei}</source>
        <translation>IMEI {imei}</translation>
    </message>
</context>
<context>
    <name>ReturnPersonalPhoneDialog</name>
    <message>
        <source>Return the personal phone</source>
        <translation>Devolver el teléfono personal</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Recibido por</translation>
    </message>
    <message>
        <source>Who signed: the survivor or the person they named</source>
        <translation>Quién firmó: el sobreviviente o la persona que designó</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Check everything once more. Saving records the whole encounter at once.</source>
        <translation>Revise todo una vez más. Al guardar se registra todo el encuentro de una vez.</translation>
    </message>
    <message>
        <source>Save encounter</source>
        <translation>Guardar el encuentro</translation>
    </message>
    <message>
        <source>Saving the encounter</source>
        <translation>Guardando el encuentro</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>A page before this one is not complete: {message_for}</source>
        <translation>Una página anterior no está completa: {message_for}</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Edit {title}</source>
        <translation>Editar {title}</translation>
    </message>
</context>
<context>
    <name>ScheduleHomeVisitDialog</name>
    <message>
        <source>Schedule an Overdose Response Team home visit</source>
        <translation>Programar una visita al hogar del Equipo de Respuesta a Sobredosis</translation>
    </message>
    <message>
        <source>48-hour target</source>
        <translation>Plazo de 48 horas</translation>
    </message>
    <message>
        <source>Visit on</source>
        <translation>Visita el</translation>
    </message>
    <message>
        <source>Before the 48-hour target</source>
        <translation>Antes del plazo de 48 horas</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Where the survivor stays, if not at home</source>
        <translation>Dónde se queda el sobreviviente, si no es en su casa</translation>
    </message>
    <message>
        <source>The survivor&apos;s consent does not share their address with the program.</source>
        <translation>El consentimiento del sobreviviente no comparte su dirección con el programa.</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Names, split by commas: police, treatment staff, peer support</source>
        <translation>Nombres separados por comas: policía, personal de tratamiento, apoyo entre pares</translation>
    </message>
    <message>
        <source>After the 48-hour target</source>
        <translation>Después del plazo de 48 horas</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Cambiar nombre…</translation>
    </message>
    <message>
        <source>Remove user…</source>
        <translation>Quitar usuario…</translation>
    </message>
    <message>
        <source>Users message</source>
        <translation>Mensaje de usuarios</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Agregar usuario…</translation>
    </message>
    <message>
        <source>{display_name} can now sign in as {user_name}.</source>
        <translation>{display_name} ya puede iniciar sesión como {user_name}.</translation>
    </message>
    <message>
        <source>{display_name} now signs in as {user_name}; the next sync tells the other laptops.</source>
        <translation>{display_name} ahora inicia sesión como {user_name}; la próxima sincronización se lo informa a las demás computadoras.</translation>
    </message>
    <message>
        <source>Remove {display_name} ({user_name})? Their passphrase stops opening this vault; what they recorded stays.</source>
        <translation>¿Quitar a {display_name} ({user_name})? Su frase de contraseña ya no abrirá esta bóveda; lo que registró se conserva.</translation>
    </message>
    <message>
        <source>{display_name} was removed.</source>
        <translation>Se quitó a {display_name}.</translation>
    </message>
    <message>
        <source>This program</source>
        <translation>Este programa</translation>
    </message>
    <message>
        <source>Program settings</source>
        <translation>Configuración del programa</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>The program may call the burner phone it programmed</source>
        <translation>El programa puede llamar al teléfono provisional que programó</translation>
    </message>
    <message>
        <source>When the survivor does not agree to share their name and phone: calling the program&apos;s own phone discloses nothing. Untick and nobody calls; the survivor has the numbers.</source>
        <translation>Cuando el sobreviviente no acepta compartir su nombre y teléfono: llamar al teléfono del propio programa no divulga nada. Si lo desmarca, nadie llama; el sobreviviente tiene los números.</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>Bloquear tras inactividad</translation>
    </message>
    <message>
        <source>Survivor language</source>
        <translation>Idioma del sobreviviente</translation>
    </message>
    <message>
        <source>Family language</source>
        <translation>Idioma de la familia</translation>
    </message>
    <message>
        <source>Warn below phones in stock</source>
        <translation>Avisar con menos teléfonos en existencia que</translation>
    </message>
    <message>
        <source>Warn below bags ready</source>
        <translation>Avisar con menos bolsas listas que</translation>
    </message>
    <message>
        <source>Without consent to share</source>
        <translation>Sin consentimiento para compartir</translation>
    </message>
    <message>
        <source>Idle lock: at most {MAX_IDLE_MINUTES} minutes; applies as soon as it is saved.</source>
        <translation>Bloqueo por inactividad: como máximo {MAX_IDLE_MINUTES} minutos; se aplica en cuanto se guarda.</translation>
    </message>
    <message>
        <source>Idle lock: hint</source>
        <translation>Bloqueo por inactividad: sugerencia</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Guardar la configuración</translation>
    </message>
    <message>
        <source>Settings message</source>
        <translation>Mensaje de configuración</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Copia de seguridad</translation>
    </message>
    <message>
        <source>Backup message</source>
        <translation>Mensaje de copia de seguridad</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>Hacer copia de seguridad…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restaurar…</translation>
    </message>
    <message>
        <source>Keyring warning</source>
        <translation>Aviso sobre el llavero</translation>
    </message>
    <message>
        <source>Backup written to {path}. It is encrypted: the same users open it with the same passphrases. Keep it somewhere locked.</source>
        <translation>Copia de seguridad guardada en {path}. Está cifrada: la abren los mismos usuarios con las mismas frases de contraseña. Guárdela en un lugar bajo llave.</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>Escribiendo la copia de seguridad…</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Quitar usuario</translation>
    </message>
    <message>
        <source>Back up the vault</source>
        <translation>Hacer copia de seguridad de la bóveda</translation>
    </message>
    <message>
        <source>Burner Desk backups (*.bdbackup)</source>
        <translation>Copias de seguridad de Burner Desk (*.bdbackup)</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <source>Burner Desk backups (*.bdbackup);;All files (*)</source>
        <translation>Copias de seguridad de Burner Desk (*.bdbackup);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Burner Desk — first set-up</source>
        <translation>Burner Desk — configuración inicial</translation>
    </message>
    <message>
        <source>First set-up</source>
        <translation>Configuración inicial</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Nombre del dispositivo</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Letters, digits, dot, dash or underscore.</source>
        <translation>Letras, dígitos, punto, guion o guion bajo.</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nombre para mostrar</translation>
    </message>
    <message>
        <source>Badge number</source>
        <translation>Número de placa</translation>
    </message>
    <message>
        <source>Direct phone</source>
        <translation>Teléfono directo</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>12 or more characters; 3 of: lower, upper, digits, symbols.</source>
        <translation>12 caracteres o más; 3 de estos tipos: minúsculas, mayúsculas, dígitos, símbolos.</translation>
    </message>
    <message>
        <source>Confirm passphrase</source>
        <translation>Confirmar la frase de contraseña</translation>
    </message>
    <message>
        <source>e.g. Alexandria Police Department</source>
        <translation>p. ej. Departamento de Policía de Alexandria</translation>
    </message>
    <message>
        <source>e.g. sam.rivera</source>
        <translation>p. ej. sam.rivera</translation>
    </message>
    <message>
        <source>e.g. Det. Sam Rivera</source>
        <translation>p. ej. Det. Sam Rivera</translation>
    </message>
    <message>
        <source>(703) 555-0101, printed on referral sheets</source>
        <translation>(703) 555-0101, se imprime en las hojas de remisión</translation>
    </message>
    <message>
        <source>Set up Burner Desk</source>
        <translation>Configurar Burner Desk</translation>
    </message>
    <message>
        <source>This laptop has no vault yet. Create it with the first supervisor account. Everything is stored encrypted on this laptop.</source>
        <translation>Esta computadora todavía no tiene una bóveda. Créela con la primera cuenta de supervisor. Todo se guarda cifrado en esta computadora.</translation>
    </message>
    <message>
        <source>This laptop</source>
        <translation>Esta computadora</translation>
    </message>
    <message>
        <source>First supervisor</source>
        <translation>Primer supervisor</translation>
    </message>
    <message>
        <source>Badge no. (optional)</source>
        <translation>N.º de placa (opcional)</translation>
    </message>
    <message>
        <source>Direct phone (optional)</source>
        <translation>Teléfono directo (opcional)</translation>
    </message>
    <message>
        <source>Set-up message</source>
        <translation>Mensaje de configuración inicial</translation>
    </message>
    <message>
        <source>Creating the vault</source>
        <translation>Creando la bóveda</translation>
    </message>
    <message>
        <source>Creating the encrypted vault…</source>
        <translation>Creando la bóveda cifrada…</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Quit without setting up</source>
        <translation>Salir sin configurar</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>Crear la bóveda</translation>
    </message>
    <message>
        <source>the two passphrases differ</source>
        <translation>las dos frases de contraseña no coinciden</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Restoring the vault from {name}…</source>
        <translation>Restaurando la bóveda desde {name}…</translation>
    </message>
    <message>
        <source>Burner Desk — restoring</source>
        <translation>Burner Desk — restaurando</translation>
    </message>
    <message>
        <source>Restoring the vault</source>
        <translation>Restaurando la bóveda</translation>
    </message>
    <message>
        <source>{notice} The lock was not recorded: {message_for}</source>
        <translation>{notice} No se registró el bloqueo: {message_for}</translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity. Type your passphrase to continue.</source>
        <translation>
            <numerusform>Bloqueado después de %n minuto sin actividad. Escriba su frase de contraseña para continuar.</numerusform>
            <numerusform>Bloqueado después de %n minutos sin actividad. Escriba su frase de contraseña para continuar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed out after 12 hours. Sign in again with your passphrase.</source>
        <translation>Sesión cerrada después de 12 horas. Inicie sesión de nuevo con su frase de contraseña.</translation>
    </message>
    <message>
        <source>Locked. Type your passphrase to continue.</source>
        <translation>Bloqueado. Escriba su frase de contraseña para continuar.</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Draw the signature here with a finger, pen or mouse.</source>
        <translation>Dibuje aquí la firma con el dedo, un lápiz o el ratón.</translation>
    </message>
</context>
<context>
    <name>SigningScreen</name>
    <message>
        <source>Consent for the survivor to sign</source>
        <translation>Consentimiento para que firme el sobreviviente</translation>
    </message>
    <message>
        <source>Consent title</source>
        <translation>Título del consentimiento</translation>
    </message>
    <message>
        <source>Consent wording</source>
        <translation>Texto del consentimiento</translation>
    </message>
    <message>
        <source>Signing message</source>
        <translation>Mensaje de firma</translation>
    </message>
    <message>
        <source>Clear the signature</source>
        <translation>Borrar la firma</translation>
    </message>
    <message>
        <source>Hand back without signing</source>
        <translation>Devolver sin firmar</translation>
    </message>
    <message>
        <source>Sign the consent</source>
        <translation>Firmar el consentimiento</translation>
    </message>
</context>
<context>
    <name>SpikeAlert</name>
    <message>
        <source>Spike alert</source>
        <translation>Alerta de aumento</translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation>Dar por recibida…</translation>
    </message>
    <message>
        <source>Acknowledge the spike alert</source>
        <translation>Dar por recibida la alerta de aumento</translation>
    </message>
    <message>
        <source>Spike Response checklist…</source>
        <translation>Lista de respuesta al aumento…</translation>
    </message>
    <message>
        <source>Spike Response checklist</source>
        <translation>Lista de respuesta al aumento</translation>
    </message>
    <message>
        <source>Spike alerts</source>
        <translation>Alertas de aumento</translation>
    </message>
    <message>
        <source>Spike alerts: message</source>
        <translation>Alertas de aumento: mensaje</translation>
    </message>
    <message>
        <source>Unknown area</source>
        <translation>Zona desconocida</translation>
    </message>
    <message>
        <source>the threshold is {threshold}</source>
        <translation>el umbral es {threshold}</translation>
    </message>
    <message>
        <source>usually {mean} a day</source>
        <translation>normalmente {mean} por día</translation>
    </message>
    <message>
        <source>Acknowledged by {who}, {when}</source>
        <translation>Recibida por {who}, {when}</translation>
    </message>
</context>
<context>
    <name>SpikeChecklist</name>
    <message>
        <source>Public alert printed and posted (English and Spanish)</source>
        <translation>Alerta pública impresa y publicada (inglés y español)</translation>
    </message>
    <message>
        <source>Naloxone outreach in the area</source>
        <translation>Distribución de naloxona en la zona</translation>
    </message>
    <message>
        <source>Treatment program notified</source>
        <translation>Programa de tratamiento avisado</translation>
    </message>
    <message>
        <source>Detectives briefed</source>
        <translation>Detectives informados</translation>
    </message>
    <message>
        <source>Acknowledge the spike alert</source>
        <translation>Dar por recibida la alerta de aumento</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Dar por recibida</translation>
    </message>
    <message>
        <source>What is being done, by whom</source>
        <translation>Qué se está haciendo y quién lo hace</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Every desk reads this note: no names of survivors.</source>
        <translation>Todos los puestos leen esta nota: sin nombres de sobrevivientes.</translation>
    </message>
    <message>
        <source>Spike Response checklist</source>
        <translation>Lista de respuesta al aumento</translation>
    </message>
    <message>
        <source>Spike Response: {area}</source>
        <translation>Respuesta al aumento: {area}</translation>
    </message>
    <message>
        <source>The alert</source>
        <translation>La alerta</translation>
    </message>
    <message>
        <source>Language of the public alert</source>
        <translation>Idioma de la alerta pública</translation>
    </message>
    <message>
        <source>Print the public alert</source>
        <translation>Imprimir la alerta pública</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Save the public alert as PDF</source>
        <translation>Guardar la alerta pública como PDF</translation>
    </message>
    <message>
        <source>Public alert:</source>
        <translation>Alerta pública:</translation>
    </message>
    <message>
        <source>Spike Response checklist: message</source>
        <translation>Lista de respuesta al aumento: mensaje</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Printing cancelled: nothing was printed.</source>
        <translation>Impresión cancelada: no se imprimió nada.</translation>
    </message>
    <message>
        <source>Printing the public alert…</source>
        <translation>Imprimiendo la alerta pública…</translation>
    </message>
    <message>
        <source>The public alert was printed.</source>
        <translation>Se imprimió la alerta pública.</translation>
    </message>
    <message>
        <source>the public alert</source>
        <translation>la alerta pública</translation>
    </message>
    <message>
        <source>Saving cancelled: nothing was saved.</source>
        <translation>Guardado cancelado: no se guardó nada.</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>Guardada como {path}.</translation>
    </message>
</context>
<context>
    <name>SpikeCounts</name>
    <message numerus="yes">
        <source>{area}: %n overdose(s) in the last 24 hours.</source>
        <translation>
            <numerusform>{area}: %n sobredosis en las últimas 24 horas.</numerusform>
            <numerusform>{area}: %n sobredosis en las últimas 24 horas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Spike alert, {area}: %n overdose(s) in the last 24 hours ({reasons}).</source>
        <translation>
            <numerusform>Alerta de aumento, {area}: %n sobredosis en las últimas 24 horas ({reasons}).</numerusform>
            <numerusform>Alerta de aumento, {area}: %n sobredosis en las últimas 24 horas ({reasons}).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpikeThresholds</name>
    <message>
        <source>Spike alerts</source>
        <translation>Alertas de aumento</translation>
    </message>
    <message>
        <source>Spike alert thresholds</source>
        <translation>Umbrales de las alertas de aumento</translation>
    </message>
    <message>
        <source>An area alerts when its overdoses in the last 24 hours reach its threshold, and, threshold or not, when they are far above its own last week (CDC EARS C2). Every desk uses these thresholds after its next sync.</source>
        <translation>Una zona da la alerta cuando sus sobredosis de las últimas 24 horas llegan a su umbral y, haya umbral o no, cuando superan con creces su propia semana anterior (CDC EARS C2). Cada puesto usa estos umbrales después de su próxima sincronización.</translation>
    </message>
    <message>
        <source>Save thresholds</source>
        <translation>Guardar los umbrales</translation>
    </message>
    <message>
        <source>Spike alert thresholds: message</source>
        <translation>Umbrales de las alertas de aumento: mensaje</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source> in 24 hours</source>
        <translation> en 24 horas</translation>
    </message>
    <message>
        <source>Threshold for {area}</source>
        <translation>Umbral de {area}</translation>
    </message>
    <message>
        <source>Nothing to save: the thresholds are as saved.</source>
        <translation>Nada que guardar: los umbrales están como se guardaron.</translation>
    </message>
    <message>
        <source>Thresholds saved; the other desks get them at their next sync.</source>
        <translation>Umbrales guardados; los otros puestos los reciben en su próxima sincronización.</translation>
    </message>
</context>
<context>
    <name>StatCard</name>
    <message>
        <source>{caption}: number</source>
        <translation>{caption}: número</translation>
    </message>
</context>
<context>
    <name>SurvivorPage</name>
    <message>
        <source>Scan their driver&apos;s licence or ID card, or type. Where they live decides the burner phone; everyone gets a bag, a referral and a call.</source>
        <translation>Escanee su licencia de conducir o su tarjeta de identificación, o escriba los datos. El lugar donde vive decide si recibe teléfono provisional; todos reciben una bolsa, una remisión y una llamada.</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>{US_DATE_HINT}; empty if unknown</source>
        <translation>{US_DATE_HINT}; vacío si no se sabe</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Their own number, if they have one</source>
        <translation>Su propio número, si tiene uno</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Street, city, state and ZIP: the ZIP code suggests where they live</source>
        <translation>Calle, ciudad, estado y código postal: el código postal sugiere dónde vive</translation>
    </message>
    <message>
        <source>Choose or type the county or city they live in</source>
        <translation>Elija o escriba el condado o la ciudad donde vive</translation>
    </message>
    <message>
        <source>Lives in (jurisdiction)</source>
        <translation>Vive en (jurisdicción)</translation>
    </message>
    <message>
        <source>Lives in</source>
        <translation>Vive en</translation>
    </message>
    <message>
        <source>What the ZIP code says</source>
        <translation>Lo que indica el código postal</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Idioma preferido</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>Qué sigue</translation>
    </message>
    <message>
        <source>Refer to</source>
        <translation>Remitir a</translation>
    </message>
    <message>
        <source>Programs to refer to</source>
        <translation>Programas a los que se remite</translation>
    </message>
    <message>
        <source>Untick a program to leave it off</source>
        <translation>Desmarque un programa para no incluirlo</translation>
    </message>
    <message>
        <source>Once you know where they live, the programs there are listed below.</source>
        <translation>Cuando sepa dónde vive, abajo aparecerán los programas de ese lugar.</translation>
    </message>
    <message>
        <source>A City of Alexandria resident: their phone is swapped for a burner phone, they get a recovery bag, and a social worker of the city treatment program calls within 48 hours.</source>
        <translation>Residente de la ciudad de Alexandria: su teléfono se cambia por un teléfono provisional, recibe una bolsa de recuperación y un trabajador social del programa de tratamiento de la ciudad lo llama dentro de 48 horas.</translation>
    </message>
    <message>
        <source>Lives in {jurisdiction_name}: no burner phone, but a recovery bag, the programs where they live, and a follow-up within 48 hours.</source>
        <translation>Vive en {jurisdiction_name}: sin teléfono provisional, pero recibe una bolsa de recuperación, los programas de donde vive y un seguimiento dentro de 48 horas.</translation>
    </message>
    <message>
        <source>tick at least one program to refer to</source>
        <translation>marque al menos un programa al cual remitir</translation>
    </message>
    <message>
        <source>Looking up the programs where they live…</source>
        <translation>Buscando los programas de donde vive…</translation>
    </message>
    <message>
        <source>Filled in from the licence. Check the names, then add their phone.</source>
        <translation>Se llenó con los datos de la licencia. Revise los nombres y luego agregue su teléfono.</translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <source>This laptop and central</source>
        <translation>Esta computadora y la central</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Central server</source>
        <translation>Servidor central</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrita</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Última sincronización</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>Cambios en espera</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Conflictos abiertos</translation>
    </message>
    <message>
        <source>Held back from central</source>
        <translation>Retenidos de la central</translation>
    </message>
    <message>
        <source>Last sync attempt</source>
        <translation>Último intento de sincronización</translation>
    </message>
    <message>
        <source>Audit trail at central</source>
        <translation>Registro de auditoría en la central</translation>
    </message>
    <message>
        <source>Sync now  ({SYNC_SHORTCUT})</source>
        <translation>Sincronizar ahora  ({SYNC_SHORTCUT})</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Send this laptop&apos;s changes to central and bring back what others recorded.</source>
        <translation>Enviar los cambios de esta computadora a la central y traer lo que registraron los demás.</translation>
    </message>
    <message>
        <source>Enroll again…</source>
        <translation>Inscribir de nuevo…</translation>
    </message>
    <message>
        <source>Enroll this laptop again</source>
        <translation>Inscribir esta computadora de nuevo</translation>
    </message>
    <message>
        <source>With a new code from central, when central no longer knows this laptop. What waits here is kept.</source>
        <translation>Con un código nuevo de la central, cuando la central ya no reconoce esta computadora. Lo que espera aquí se conserva.</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Progreso de la sincronización</translation>
    </message>
    <message>
        <source>Sync step</source>
        <translation>Paso de la sincronización</translation>
    </message>
    <message>
        <source>Sync message</source>
        <translation>Mensaje de sincronización</translation>
    </message>
    <message>
        <source>To settle</source>
        <translation>Por resolver</translation>
    </message>
    <message>
        <source>Conflicts to settle</source>
        <translation>Conflictos por resolver</translation>
    </message>
    <message>
        <source>Where this laptop and another desk disagree, central kept its value: pick the one that is right, or set the record right as the card says. Records from central that cannot be stored here yet are held back, and stored by themselves once the cause is gone.</source>
        <translation>Cuando esta computadora y otro escritorio no coinciden, la central conservó su valor: elija el correcto o corrija el registro como indica la tarjeta. Los registros de la central que todavía no se pueden guardar aquí quedan retenidos y se guardan solos cuando desaparece la causa.</translation>
    </message>
    <message>
        <source>Conflicts: hint</source>
        <translation>Conflictos: sugerencia</translation>
    </message>
    <message>
        <source>Conflicts message</source>
        <translation>Mensaje de conflictos</translation>
    </message>
    <message>
        <source>Open sync conflicts</source>
        <translation>Conflictos de sincronización abiertos</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Not yet: a supervisor enrolls this laptop</source>
        <translation>Todavía no: un supervisor inscribe esta computadora</translation>
    </message>
    <message>
        <source> below.</source>
        <translation> abajo.</translation>
    </message>
    <message>
        <source> in this view.</source>
        <translation> en esta vista.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>The last sync did not finish: {last_error}</source>
        <translation>La última sincronización no terminó: {last_error}</translation>
    </message>
    <message>
        <source>{describe} Found {time_or_day}. Central keeps everything this laptop sent; its administrator sees what changed with burner-desk-central events.</source>
        <translation>{describe} Detectado {time_or_day}. La central conserva todo lo que envió esta computadora; su administrador ve qué cambió con burner-desk-central events.</translation>
    </message>
    <message>
        <source>Keep this enrollment</source>
        <translation>Mantener esta inscripción</translation>
    </message>
    <message>
        <source> Its key is pinned: an impostor server is refused.</source>
        <translation> Su clave está fijada: se rechaza un servidor impostor.</translation>
    </message>
    <message>
        <source>Enrolled with central at {server_url}.{pinned} Sync now sends what this laptop recorded.</source>
        <translation>Inscrita en la central en {server_url}.{pinned} Sincronizar ahora envía lo que registró esta computadora.</translation>
    </message>
    <message>
        <source>Connecting to central…</source>
        <translation>Conectando con la central…</translation>
    </message>
</context>
<context>
    <name>TeamFields</name>
    <message>
        <source>Team: {caption}</source>
        <translation>Equipo: {caption}</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Calls to make</source>
        <translation>Llamadas por hacer</translation>
    </message>
    <message>
        <source>Bedside encounters</source>
        <translation>Encuentros junto a la cama</translation>
    </message>
    <message>
        <source>Burner phones in stock</source>
        <translation>Teléfonos provisionales en existencia</translation>
    </message>
    <message>
        <source>Changes waiting to sync</source>
        <translation>Cambios en espera de sincronizar</translation>
    </message>
    <message>
        <source>My calls</source>
        <translation>Mis llamadas</translation>
    </message>
    <message>
        <source>Take this call</source>
        <translation>Tomar esta llamada</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Asignar…</translation>
    </message>
    <message>
        <source>Assign the call</source>
        <translation>Asignar la llamada</translation>
    </message>
    <message>
        <source>Recent encounters</source>
        <translation>Encuentros recientes</translation>
    </message>
    <message>
        <source>Inventory warnings</source>
        <translation>Avisos de inventario</translation>
    </message>
    <message>
        <source>Last sync: never.</source>
        <translation>Última sincronización: nunca.</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Today message</source>
        <translation>Mensaje de Hoy</translation>
    </message>
    <message>
        <source>New encounter  (Ctrl+N)</source>
        <translation>Nuevo encuentro  (Ctrl+N)</translation>
    </message>
    <message>
        <source>New encounter</source>
        <translation>Nuevo encuentro</translation>
    </message>
    <message>
        <source>{title}: the 48-hour call after the burner phone</source>
        <translation>{title}: la llamada de las 48 horas después del teléfono provisional</translation>
    </message>
    <message numerus="yes">
        <source>Only %n burner phone(s) in stock (threshold {threshold}).</source>
        <translation>
            <numerusform>Solo queda %n teléfono provisional en existencia (umbral {threshold}).</numerusform>
            <numerusform>Solo quedan %n teléfonos provisionales en existencia (umbral {threshold}).</numerusform>
        </translation>
    </message>
    <message>
        <source>Naloxone lot {lot} in bag {bag} expired on {day}.</source>
        <translation>El lote de naloxona {lot} de la bolsa {bag} venció el {day}.</translation>
    </message>
    <message>
        <source>Naloxone lot {lot} in bag {bag} expires on {day}.</source>
        <translation>El lote de naloxona {lot} de la bolsa {bag} vence el {day}.</translation>
    </message>
    <message>
        <source>usable naloxone</source>
        <translation>naloxona utilizable</translation>
    </message>
    <message>
        <source>disposal bags</source>
        <translation>bolsas para desechar medicamentos</translation>
    </message>
    <message>
        <source>Bag {bag} is not fully stocked: no {missing}.</source>
        <translation>A la bolsa {bag} le falta algo: no tiene {missing}.</translation>
    </message>
    <message>
        <source> and no </source>
        <translation> ni </translation>
    </message>
    <message>
        <source>Nothing is running low.</source>
        <translation>No falta nada.</translation>
    </message>
    <message>
        <source>{filter} ({count})</source>
        <translation>{filter} ({count})</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>Burner Desk — unlock</source>
        <translation>Burner Desk — desbloquear</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Burner Desk</source>
        <translation>Burner Desk</translation>
    </message>
    <message>
        <source>Unlock the vault on this laptop.</source>
        <translation>Desbloquee la bóveda de esta computadora.</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Unlock message</source>
        <translation>Mensaje de desbloqueo</translation>
    </message>
    <message>
        <source>Unlocking</source>
        <translation>Desbloqueando</translation>
    </message>
    <message>
        <source>Type your passphrase, then press Enter.</source>
        <translation>Escriba su frase de contraseña y luego presione Enter.</translation>
    </message>
</context>
<context>
    <name>WithdrawDrugIntelDialog</name>
    <message>
        <source>Withdraw a drug intel call</source>
        <translation>Retirar una llamada de inteligencia sobre drogas</translation>
    </message>
    <message>
        <source>The call to withdraw</source>
        <translation>La llamada que se retira</translation>
    </message>
    <message>
        <source>Withdraw a call only when it was entered in error: on the wrong case, or never made. It leaves the case, the last 14 days and the spike alerts on every police desk; the audit trail keeps it. To put a detail right, correct the call instead.</source>
        <translation>Retire una llamada solo si se registró por error: en el caso equivocado, o nunca se hizo. Sale del caso, de los últimos 14 días y de las alertas de aumento en todos los escritorios de la policía; el registro de auditoría la conserva. Para arreglar un dato, corrija la llamada.</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Retirar</translation>
    </message>
</context>
<context>
    <name>WizardPage</name>
    <message>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <source>Family contacts and handouts</source>
        <translation>Contactos familiares y folletos</translation>
    </message>
    <message>
        <source>{title_text}: message</source>
        <translation>{title_text}: mensaje</translation>
    </message>
    <message>
        <source>{title_text} page</source>
        <translation>Página {title_text}</translation>
    </message>
    <message>
        <source>Burner phone and recovery bag</source>
        <translation>Teléfono provisional y bolsa de recuperación</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incidente</translation>
    </message>
    <message>
        <source>Personal phone receipt</source>
        <translation>Recibo del teléfono personal</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Survivor</source>
        <translation>Sobreviviente</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Burner Desk is already open with this vault on this laptop, perhaps minimised or in another user&apos;s session. Use that window.</source>
        <translation>Burner Desk ya está abierto con esta bóveda en esta computadora, quizá minimizado o en la sesión de otro usuario. Use esa ventana.</translation>
    </message>
    <message>
        <source>Burner Desk is already open</source>
        <translation>Burner Desk ya está abierto</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Something went wrong and nothing was changed. Try again; if it keeps happening, note the time and tell your supervisor.</source>
        <translation>Algo salió mal y no se cambió nada. Inténtelo de nuevo; si sigue pasando, anote la hora y avísele a su supervisor.</translation>
    </message>
</context>
<context>
    <name>from_below</name>
    <message>
        <source>MM/DD/YYYY, e.g. 05/17/1990</source>
        <translation>MM/DD/AAAA, p. ej. 05/17/1990</translation>
    </message>
    <message>
        <source>e.g. 6:30 PM (today), or 03/01/2025 6:30 PM</source>
        <translation>p. ej. 6:30 PM (hoy), o 03/01/2025 6:30 PM</translation>
    </message>
    <message>
        <source>No OS keyring on this machine: the vault is protected by passphrases alone. Ask IT to enable the system keyring.</source>
        <translation>Esta computadora no tiene llavero del sistema: la bóveda está protegida solo por las frases de contraseña. Pida a TI que active el llavero del sistema.</translation>
    </message>
</context>
<context>
    <name>ui.cases.actions</name>
    <message>
        <source>Entered treatment</source>
        <translation>Comenzó el tratamiento</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>No aceptó</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>No se le pudo localizar</translation>
    </message>
    <message>
        <source>Closed for another reason (moved away, in custody …)</source>
        <translation>Cerrado por otro motivo (se mudó, está detenido…)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Police</source>
        <translation>Policía</translation>
    </message>
    <message>
        <source>Treatment</source>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <source>Peer support</source>
        <translation>Apoyo entre pares</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>Otros</translation>
    </message>
    <message>
        <source>{local_time} (passed: go as soon as you can)</source>
        <translation>{local_time} (ya pasó: vaya lo antes posible)</translation>
    </message>
    <message>
        <source>{local_time} (in {time_left})</source>
        <translation>{local_time} (en {time_left})</translation>
    </message>
</context>
<context>
    <name>ui.cases.cases_view</name>
    <message>
        <source>co-response</source>
        <translation>resp. conjunta</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Encounter</source>
        <translation>Encuentro</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>N.º de recibo</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>not shared with the program: the survivor&apos;s consent does not cover it</source>
        <translation>no se comparte con el programa: el consentimiento del sobreviviente no lo cubre</translation>
    </message>
    <message>
        <source>burner {phone_number}</source>
        <translation>provisional {phone_number}</translation>
    </message>
    <message>
        <source>burner phone not to be called (city setting)</source>
        <translation>no se debe llamar al teléfono provisional (configuración de la ciudad)</translation>
    </message>
    <message>
        <source>own phone {phone}</source>
        <translation>teléfono propio {phone}</translation>
    </message>
    <message>
        <source>own phone not shared</source>
        <translation>teléfono propio no compartido</translation>
    </message>
    <message>
        <source>speaks {value}</source>
        <translation>habla {value}</translation>
    </message>
    <message>
        <source>no phone recorded · {spoken}</source>
        <translation>sin teléfono registrado · {spoken}</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>nada registrado</translation>
    </message>
    <message>
        <source>agrees to be called</source>
        <translation>acepta que lo llamen</translation>
    </message>
    <message>
        <source>do not call</source>
        <translation>no llamar</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>sin teléfono</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>closed (the consent does not share the outcome with police)</source>
        <translation>cerrado (el consentimiento no comparte el resultado con la policía)</translation>
    </message>
    <message>
        <source>{value}, due {local_time}</source>
        <translation>{value}, vence {local_time}</translation>
    </message>
    <message>
        <source>{line} · {assignee_name} has the call</source>
        <translation>{line} · {assignee_name} tiene la llamada</translation>
    </message>
    <message>
        <source>{line} · nobody has the call yet</source>
        <translation>{line} · nadie tiene la llamada todavía</translation>
    </message>
    <message>
        <source>none taken</source>
        <translation>no se recibió</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>devuelto</translation>
    </message>
    <message>
        <source>held</source>
        <translation>bajo custodia</translation>
    </message>
    <message>
        <source>{held}, receipt {property_receipt_no}</source>
        <translation>{held}, recibo {property_receipt_no}</translation>
    </message>
    <message>
        <source>Call on</source>
        <translation>Llamar a</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Personal phone</source>
        <translation>Teléfono personal</translation>
    </message>
</context>
<context>
    <name>ui.cases.timeline_words</name>
    <message>
        <source>Bedside encounter at {hospital}</source>
        <translation>Encuentro junto a la cama en {hospital}</translation>
    </message>
    <message>
        <source>Personal phone taken: {make} {model}, {colour}, IMEI {imei}, receipt {receipt}</source>
        <translation>Teléfono personal recogido: {make} {model}, {colour}, IMEI {imei}, recibo {receipt}</translation>
    </message>
    <message>
        <source>Burner phone {asset_tag}, number {number}; now {status}</source>
        <translation>Teléfono provisional {asset_tag}, número {number}; ahora {status}</translation>
    </message>
    <message>
        <source>Recovery bag {label} handed over</source>
        <translation>Bolsa de recuperación {label} entregada</translation>
    </message>
    <message>
        <source>{quantity} × {title} ({language}) to {recipient}</source>
        <translation>{quantity} × {title} ({language}) para {recipient}</translation>
    </message>
    <message>
        <source>Referred to {name}</source>
        <translation>Derivado a {name}</translation>
    </message>
    <message>
        <source>{channel}: {outcome}</source>
        <translation>{channel}: {outcome}</translation>
    </message>
    <message>
        <source> (amended)</source>
        <translation> (modificada)</translation>
    </message>
    <message>
        <source>Follow-up {state}</source>
        <translation>Seguimiento {state}</translation>
    </message>
    <message>
        <source>substance unknown</source>
        <translation>sustancia desconocida</translation>
    </message>
    <message>
        <source>Overdose at {address}; naloxone doses {doses}; {substance}</source>
        <translation>Sobredosis en {address}; dosis de naloxona {doses}; {substance}</translation>
    </message>
    <message>
        <source>Overdose; naloxone doses {doses}; {substance}</source>
        <translation>Sobredosis; dosis de naloxona {doses}; {substance}</translation>
    </message>
    <message>
        <source>Signed on screen</source>
        <translation>Firmado en pantalla</translation>
    </message>
    <message>
        <source>Signed on paper (form {form})</source>
        <translation>Firmado en papel (formulario {form})</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>revoked {day}</source>
        <translation>revocado el {day}</translation>
    </message>
    <message>
        <source>Personal phone {action}: {location}</source>
        <translation>Teléfono personal {action}: {location}</translation>
    </message>
    <message>
        <source>, received by {name}</source>
        <translation>, recibido por {name}</translation>
    </message>
    <message>
        <source>Home visit scheduled at {address} with {team}</source>
        <translation>Visita al hogar programada en {address} con {team}</translation>
    </message>
    <message>
        <source>Home visit scheduled with {team}</source>
        <translation>Visita al hogar programada con {team}</translation>
    </message>
    <message>
        <source>Home visit done at {address} by {team}</source>
        <translation>Visita al hogar hecha en {address} por {team}</translation>
    </message>
    <message>
        <source>Home visit done by {team}</source>
        <translation>Visita al hogar hecha por {team}</translation>
    </message>
    <message>
        <source>met {people}</source>
        <translation>se reunió con {people}</translation>
    </message>
    <message>
        <source>naloxone training to {people}</source>
        <translation>capacitación en naloxona para {people}</translation>
    </message>
    <message>
        <source>naloxone training</source>
        <translation>capacitación en naloxona</translation>
    </message>
    <message>
        <source>ride to treatment {ride}</source>
        <translation>transporte a tratamiento {ride}</translation>
    </message>
    <message>
        <source>stamp {stamp}</source>
        <translation>sello {stamp}</translation>
    </message>
    <message>
        <source>Drug intel call: {substance}</source>
        <translation>Llamada de información sobre drogas: {substance}</translation>
    </message>
    <message>
        <source>effects: {effects}</source>
        <translation>efectos: {effects}</translation>
    </message>
    <message>
        <source>obtained: {area}</source>
        <translation>obtenida en: {area}</translation>
    </message>
    <message>
        <source>Co-response call ({source}) at {block}</source>
        <translation>Llamada de respuesta conjunta ({source}) en {block}</translation>
    </message>
    <message>
        <source>Co-response call ({source}, outside pilot hours) at {block}</source>
        <translation>Llamada de respuesta conjunta ({source}, fuera del horario del piloto) en {block}</translation>
    </message>
    <message>
        <source>arrest avoided</source>
        <translation>se evitó un arresto</translation>
    </message>
    <message>
        <source>involuntary hospitalisation avoided</source>
        <translation>se evitó una hospitalización involuntaria</translation>
    </message>
    <message>
        <source>{minutes} min on scene; {officer} with {clinician}</source>
        <translation>{minutes} min en el lugar; {officer} con {clinician}</translation>
    </message>
    <message>
        <source>referred to {names}</source>
        <translation>derivado a {names}</translation>
    </message>
    <message>
        <source>amended</source>
        <translation>modificada</translation>
    </message>
</context>
<context>
    <name>ui.coresponse.view</name>
    <message>
        <source>within</source>
        <translation>dentro</translation>
    </message>
    <message>
        <source>outside</source>
        <translation>fuera</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Pilot hours</source>
        <translation>Horario del piloto</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Resolución</translation>
    </message>
</context>
<context>
    <name>ui.coresponse.words</name>
    <message>
        <source>DECC dispatch</source>
        <translation>Despacho del DECC</translation>
    </message>
    <message>
        <source>First-responder request</source>
        <translation>Pedido de otros socorristas</translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation>Acercamiento comunitario</translation>
    </message>
    <message>
        <source>Resolved on scene</source>
        <translation>Resuelto en el lugar</translation>
    </message>
    <message>
        <source>Voluntary transport</source>
        <translation>Traslado voluntario</translation>
    </message>
    <message>
        <source>Emergency custody order (ECO)</source>
        <translation>Orden de custodia de emergencia (ECO)</translation>
    </message>
    <message>
        <source>Temporary detention order (TDO)</source>
        <translation>Orden de detención temporal (TDO)</translation>
    </message>
    <message>
        <source>Arrest</source>
        <translation>Arresto</translation>
    </message>
    <message>
        <source>Referral only</source>
        <translation>Solo remisión</translation>
    </message>
    <message>
        <source>Refused services</source>
        <translation>Rechazó los servicios</translation>
    </message>
    <message>
        <source>Mental-health crisis</source>
        <translation>Crisis de salud mental</translation>
    </message>
    <message>
        <source>Suicidal thoughts</source>
        <translation>Pensamientos suicidas</translation>
    </message>
    <message>
        <source>Psychosis</source>
        <translation>Psicosis</translation>
    </message>
    <message>
        <source>Dementia</source>
        <translation>Demencia</translation>
    </message>
    <message>
        <source>Developmental disability</source>
        <translation>Discapacidad del desarrollo</translation>
    </message>
    <message>
        <source>Welfare check</source>
        <translation>Control de bienestar</translation>
    </message>
    <message>
        <source>Substance use</source>
        <translation>Consumo de sustancias</translation>
    </message>
    <message>
        <source>Alcohol</source>
        <translation>Alcohol</translation>
    </message>
    <message>
        <source>Opioids</source>
        <translation>Opioides</translation>
    </message>
    <message>
        <source>Stimulants</source>
        <translation>Estimulantes</translation>
    </message>
    <message>
        <source>Cannabis</source>
        <translation>Cannabis</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otra</translation>
    </message>
</context>
<context>
    <name>ui.crash</name>
    <message>
        <source>Burner Desk ran into a problem</source>
        <translation>Burner Desk tuvo un problema</translation>
    </message>
    <message>
        <source>Your work is saved. Something unexpected happened in the last step, and it was stopped. You can keep working; if it happens again, note the time and tell your supervisor.</source>
        <translation>Su trabajo está guardado. Algo inesperado ocurrió en el último paso y se detuvo. Puede seguir trabajando; si vuelve a pasar, anote la hora y avísele a su supervisor.</translation>
    </message>
</context>
<context>
    <name>ui.encounter.consent</name>
    <message>
        <source>Name and phone to the treatment program, so it can call them</source>
        <translation>Nombre y teléfono al programa de tratamiento, para que lo llame</translation>
    </message>
    <message>
        <source>The program may talk to the family members named</source>
        <translation>El programa puede hablar con los familiares indicados</translation>
    </message>
    <message>
        <source>Whether they took up treatment</source>
        <translation>Si comenzó el tratamiento</translation>
    </message>
    <message>
        <source>The follow-up outcome, back to the police</source>
        <translation>El resultado del seguimiento, de vuelta a la policía</translation>
    </message>
    <message>
        <source>Signs on this screen</source>
        <translation>Firma en esta pantalla</translation>
    </message>
    <message>
        <source>Signed the paper form</source>
        <translation>Firmó el formulario en papel</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>No aceptó</translation>
    </message>
    <message>
        <source>Without their name and phone, the program may still call the burner phone it programmed; nothing else is shared. They still get the phone (residents), the bag, the handouts and the referral sheet.</source>
        <translation>Sin su nombre ni su teléfono, el programa igual puede llamar al teléfono provisional que programó; no se comparte nada más. Igual recibe el teléfono (residentes), la bolsa, los folletos y la hoja de remisión.</translation>
    </message>
</context>
<context>
    <name>ui.encounter.handover</name>
    <message>
        <source>no burner phone: it is for City of Alexandria residents</source>
        <translation>sin teléfono provisional: es para residentes de la ciudad de Alexandria</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>sin vencimiento</translation>
    </message>
    <message>
        <source> — lot {value}, expires {expiry}</source>
        <translation> — lote {value}, vence el {expiry}</translation>
    </message>
</context>
<context>
    <name>ui.encounter.review</name>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Referral sheet</source>
        <translation>Hoja de remisión</translation>
    </message>
    <message>
        <source>Referral sheet (non-resident: their jurisdiction)</source>
        <translation>Hoja de remisión (no residente: su jurisdicción)</translation>
    </message>
    <message>
        <source>Family resource sheet</source>
        <translation>Hoja de recursos para la familia</translation>
    </message>
    <message>
        <source>Personal phone property receipt (two copies)</source>
        <translation>Recibo de pertenencias del teléfono personal (dos copias)</translation>
    </message>
    <message>
        <source>Consent form</source>
        <translation>Formulario de consentimiento</translation>
    </message>
    <message>
        <source>Recovery bag packing list</source>
        <translation>Lista de contenido de la bolsa de recuperación</translation>
    </message>
    <message>
        <source>Nothing was printed yet: the survivor leaves with the referral sheet. Enter prints everything; Close again finishes without printing.</source>
        <translation>Todavía no se imprimió nada: el sobreviviente se va con la hoja de remisión. Enter imprime todo; Cerrar otra vez termina sin imprimir.</translation>
    </message>
    <message>
        <source>The treatment program calls them within 48 hours</source>
        <translation>El programa de tratamiento lo llama dentro de 48 horas</translation>
    </message>
    <message>
        <source>The program may call only the burner phone it programmed (nothing else was shared)</source>
        <translation>El programa solo puede llamar al teléfono provisional que programó (no se compartió nada más)</translation>
    </message>
    <message>
        <source>Nobody calls them; they have the numbers to call (nothing was shared)</source>
        <translation>Nadie lo llama; tiene los números para llamar (no se compartió nada)</translation>
    </message>
</context>
<context>
    <name>ui.encounter.survivor</name>
    <message>
        <source>ZIP {zip_code} is partly outside the city ({shares}): ask where they live.</source>
        <translation>El código postal {zip_code} está en parte fuera de la ciudad ({shares}): pregúntele dónde vive.</translation>
    </message>
    <message>
        <source>ZIP {zip_code} is in {jurisdiction_name}, not {jurisdiction_name2}: check.</source>
        <translation>El código postal {zip_code} está en {jurisdiction_name}, no en {jurisdiction_name2}: verifíquelo.</translation>
    </message>
    <message>
        <source>ZIP {zip_code} is in {jurisdiction_name}, whatever city the mail names.</source>
        <translation>El código postal {zip_code} está en {jurisdiction_name}, sin importar la ciudad que indique el correo.</translation>
    </message>
    <message>
        <source>ZIP {zip_code} is in {jurisdiction_name}.</source>
        <translation>El código postal {zip_code} está en {jurisdiction_name}.</translation>
    </message>
</context>
<context>
    <name>ui.encounter.wizard</name>
    <message>
        <source>Survivor</source>
        <translation>Sobreviviente</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incidente</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <source>Personal phone</source>
        <translation>Teléfono personal</translation>
    </message>
    <message>
        <source>Phone and bag</source>
        <translation>Teléfono y bolsa</translation>
    </message>
    <message>
        <source>Family, handouts</source>
        <translation>Familia, folletos</translation>
    </message>
    <message>
        <source>Review and save</source>
        <translation>Revisar y guardar</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
</context>
<context>
    <name>ui.inventory.bags</name>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Naloxone kits</source>
        <translation>Kits de naloxona</translation>
    </message>
    <message>
        <source>Naloxone expires</source>
        <translation>Vence la naloxona</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>ui.inventory.handouts</name>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Edición</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>En existencia</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
</context>
<context>
    <name>ui.inventory.phones</name>
    <message>
        <source>Det. Lee: (703) 555-0101; Treatment: (703) 555-0130</source>
        <translation>Det. Lee: (703) 555-0101; Tratamiento: (703) 555-0130</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Asset tag</source>
        <translation>Etiqueta de inventario</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Compañía telefónica</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Contacts verified</source>
        <translation>Contactos verificados</translation>
    </message>
    <message>
        <source>Programmed contacts</source>
        <translation>Contactos programados</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>ui.main.main_window</name>
    <message>
        <source> · badge {badge_no}</source>
        <translation> · placa {badge_no}</translation>
    </message>
    <message>
        <source>Signed in as {display_name} ({user_name}) · {replace}{badge}</source>
        <translation>Sesión iniciada como {display_name} ({user_name}) · {replace}{badge}</translation>
    </message>
</context>
<context>
    <name>ui.main.views</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventario</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Recursos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Drug intel</source>
        <translation>Drogas que circulan</translation>
    </message>
    <message>
        <source>Co-response</source>
        <translation>Respuesta conjunta</translation>
    </message>
</context>
<context>
    <name>ui.printing.print_dialog</name>
    <message>
        <source>Printing cancelled: nothing was printed.</source>
        <translation>Impresión cancelada: no se imprimió nada.</translation>
    </message>
    <message>
        <source>Saving cancelled: nothing was saved.</source>
        <translation>Guardado cancelado: no se guardó nada.</translation>
    </message>
    <message>
        <source>Tick at least one document.</source>
        <translation>Marque al menos un documento.</translation>
    </message>
    <message>
        <source>Referral sheet</source>
        <translation>Hoja de remisión</translation>
    </message>
    <message>
        <source>Property receipt (two copies)</source>
        <translation>Recibo de pertenencias (dos copias)</translation>
    </message>
    <message>
        <source>Consent form</source>
        <translation>Formulario de consentimiento</translation>
    </message>
    <message>
        <source>Recovery-bag packing list</source>
        <translation>Lista de contenido de la bolsa de recuperación</translation>
    </message>
    <message>
        <source>Print documents</source>
        <translation>Imprimir documentos</translation>
    </message>
    <message>
        <source>Save {title} as PDF</source>
        <translation>Guardar {title} como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Family sheet for {name}</source>
        <translation>Hoja para la familia de {name}</translation>
    </message>
    <message>
        <source>Referral sheet (non-resident)</source>
        <translation>Hoja de remisión (no residente)</translation>
    </message>
    <message>
        <source>, {copies} copies</source>
        <translation>, {copies} copias</translation>
    </message>
</context>
<context>
    <name>ui.printing.print_run</name>
    <message>
        <source>No printer is set up on this laptop. Save as PDF instead, or ask IT to add the portable printer.</source>
        <translation>No hay ninguna impresora configurada en esta computadora. Guarde como PDF, o pida a TI que agregue la impresora portátil.</translation>
    </message>
    <message>
        <source>The printer could not be started: nothing was printed. Check it is on and try again.</source>
        <translation>No se pudo iniciar la impresora: no se imprimió nada. Verifique que esté encendida e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The PDF could not be saved there ({strerror}). Choose another folder.</source>
        <translation>No se pudo guardar el PDF ahí ({strerror}). Elija otra carpeta.</translation>
    </message>
</context>
<context>
    <name>ui.program.words</name>
    <message>
        <source>Survivors met</source>
        <translation>Sobrevivientes atendidos</translation>
    </message>
    <message>
        <source>Alexandria residents</source>
        <translation>Residentes de Alexandria</translation>
    </message>
    <message>
        <source>Non-residents (recovery bag, no burner phone)</source>
        <translation>No residentes (bolsa de recuperación, sin teléfono provisional)</translation>
    </message>
    <message>
        <source>Declined to sign a consent</source>
        <translation>No aceptaron firmar un consentimiento</translation>
    </message>
    <message>
        <source>Phones, bags and naloxone</source>
        <translation>Teléfonos, bolsas y naloxona</translation>
    </message>
    <message>
        <source>Burner phones issued</source>
        <translation>Teléfonos provisionales entregados</translation>
    </message>
    <message>
        <source>of them returned</source>
        <translation>de ellos, devueltos</translation>
    </message>
    <message>
        <source>of them lost</source>
        <translation>de ellos, perdidos</translation>
    </message>
    <message>
        <source>Recovery bags given</source>
        <translation>Bolsas de recuperación entregadas</translation>
    </message>
    <message>
        <source>Naloxone kits given (in the bags)</source>
        <translation>Kits de naloxona entregados (en las bolsas)</translation>
    </message>
    <message>
        <source>Family handouts</source>
        <translation>Folletos para familiares</translation>
    </message>
    <message>
        <source>Family handouts given</source>
        <translation>Folletos para familiares entregados</translation>
    </message>
    <message>
        <source>in English</source>
        <translation>en inglés</translation>
    </message>
    <message>
        <source>in Spanish</source>
        <translation>en español</translation>
    </message>
    <message>
        <source>The 48-hour promise</source>
        <translation>La promesa de las 48 horas</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <source>Reached within 48 hours</source>
        <translation>Contactados dentro de 48 horas</translation>
    </message>
    <message>
        <source>of them: survivor called first</source>
        <translation>de ellos: el sobreviviente llamó primero</translation>
    </message>
    <message>
        <source>of them: social worker reached them</source>
        <translation>de ellos: el trabajador social lo contactó</translation>
    </message>
    <message>
        <source>Reached after 48 hours</source>
        <translation>Contactados después de 48 horas</translation>
    </message>
    <message>
        <source>Not reached, 48 hours over</source>
        <translation>No contactados, 48 horas vencidas</translation>
    </message>
    <message>
        <source>Reached or closed, when not shared with police</source>
        <translation>Contactados o cerrados, cuando no se comparte con la policía</translation>
    </message>
    <message>
        <source>Still within their 48 hours</source>
        <translation>Todavía dentro de sus 48 horas</translation>
    </message>
    <message>
        <source>Share reached within 48 hours</source>
        <translation>Proporción contactada dentro de 48 horas</translation>
    </message>
    <message>
        <source>Median hours to first contact</source>
        <translation>Mediana de horas hasta el primer contacto</translation>
    </message>
    <message>
        <source>Overdue now (any period)</source>
        <translation>Vencidos ahora (cualquier período)</translation>
    </message>
    <message>
        <source>Treatment linkage</source>
        <translation>Vinculación con tratamiento</translation>
    </message>
    <message>
        <source>Survivors whose consent shares the outcome with police</source>
        <translation>Sobrevivientes cuyo consentimiento comparte el resultado con la policía</translation>
    </message>
    <message>
        <source>Intake scheduled</source>
        <translation>Admisión programada</translation>
    </message>
    <message>
        <source>Entered treatment</source>
        <translation>Ingresaron a tratamiento</translation>
    </message>
    <message>
        <source>Home visits</source>
        <translation>Visitas al hogar</translation>
    </message>
    <message>
        <source>Survivors visited at home</source>
        <translation>Sobrevivientes visitados en su hogar</translation>
    </message>
    <message>
        <source>of them within 48 hours</source>
        <translation>de ellos, dentro de 48 horas</translation>
    </message>
    <message>
        <source>From the bedside to treatment</source>
        <translation>De la cama del hospital al tratamiento</translation>
    </message>
    <message>
        <source>Met at the bedside</source>
        <translation>Atendidos junto a la cama</translation>
    </message>
    <message>
        <source>Given a burner phone</source>
        <translation>Recibieron un teléfono provisional</translation>
    </message>
    <message>
        <source>Reached by the follow-up</source>
        <translation>Contactados por el seguimiento</translation>
    </message>
</context>
<context>
    <name>ui.resources.view</name>
    <message>
        <source>Treatment programs</source>
        <translation>Programas de tratamiento</translation>
    </message>
    <message>
        <source>Naloxone sites</source>
        <translation>Lugares con naloxona</translation>
    </message>
    <message>
        <source>Family support</source>
        <translation>Apoyo para familias</translation>
    </message>
    <message>
        <source>Harm reduction</source>
        <translation>Reducción de daños</translation>
    </message>
    <message>
        <source>{name} — {value}
{phones} · {hours}
{address} · languages {languages}</source>
        <translation>{name} — {value}
{phones} · {hours}
{address} · idiomas {languages}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>24/7 line</source>
        <translation>Línea 24/7</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horario</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
</context>
<context>
    <name>ui.settings.restore</name>
    <message>
        <source>Restoring locks this session and replaces the vault with the backup: what was recorded since that backup is no longer in the vault. The current vault files are kept in a folder beside it.</source>
        <translation>Al restaurar se bloquea esta sesión y la bóveda se reemplaza con la copia de seguridad: lo registrado desde esa copia ya no estará en la bóveda. Los archivos actuales de la bóveda se guardan en una carpeta al lado.</translation>
    </message>
</context>
<context>
    <name>ui.settings.users</name>
    <message>
        <source>Detective</source>
        <translation>Detective</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>Trabajador social</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Coordinator (figures only)</source>
        <translation>Coordinador (solo cifras)</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Clínico</translation>
    </message>
    <message>
        <source>{min_length} or more characters; {min_classes} of: lower, upper, digits, symbols</source>
        <translation>{min_length} caracteres o más; {min_classes} de estos tipos: minúsculas, mayúsculas, dígitos, símbolos</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Badge / staff no.</source>
        <translation>N.º de placa / de empleado</translation>
    </message>
    <message>
        <source>Direct phone</source>
        <translation>Teléfono directo</translation>
    </message>
</context>
<context>
    <name>ui.shell</name>
    <message>
        <source>Nothing was restored: {message_for}</source>
        <translation>No se restauró nada: {message_for}</translation>
    </message>
    <message>
        <source> The previous vault files are kept in {replaced}.</source>
        <translation> Los archivos anteriores de la bóveda se guardan en {replaced}.</translation>
    </message>
    <message>
        <source>Restored from {backup_file} (made at {made}).{kept} Sign in with your passphrase from that backup.</source>
        <translation>Restaurada desde {backup_file} (hecha el {made}).{kept} Inicie sesión con la frase de contraseña de esa copia.</translation>
    </message>
</context>
<context>
    <name>ui.sync.conflicts</name>
    <message>
        <source>survivor</source>
        <translation>sobreviviente</translation>
    </message>
    <message>
        <source>personal phone (swap)</source>
        <translation>teléfono personal (intercambio)</translation>
    </message>
    <message>
        <source>48-hour follow-up</source>
        <translation>seguimiento de 48 horas</translation>
    </message>
    <message>
        <source>handout given</source>
        <translation>folleto entregado</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
</context>
<context>
    <name>ui.sync.enroll</name>
    <message>
        <source>The CA file {name} cannot be read ({strerror}).</source>
        <translation>No se puede leer el archivo de CA {name} ({strerror}).</translation>
    </message>
    <message>
        <source>{name} is not a CA certificate file (PEM). Ask IT for the right file.</source>
        <translation>{name} no es un archivo de certificado de CA (PEM). Pida a TI el archivo correcto.</translation>
    </message>
</context>
<context>
    <name>ui.sync.explain</name>
    <message>
        <source>Settings › Users</source>
        <translation>Configuración › Usuarios</translation>
    </message>
    <message>
        <source>Inventory › Burner phones</source>
        <translation>Inventario › Teléfonos provisionales</translation>
    </message>
    <message>
        <source>Re-tag one of the two phones in {place} (Re-tag…), here or at the other desk, then sync again. Until then it is held back on this laptop; nothing is lost.</source>
        <translation>Cambie la etiqueta de uno de los dos teléfonos en {place} (Cambiar etiqueta…), aquí o en el otro escritorio, y luego sincronice de nuevo. Mientras tanto queda retenido en esta computadora; no se pierde nada.</translation>
    </message>
    <message>
        <source>Both are the same phone, added at two desks before laptops shared one identity for a phone. Ask IT to merge the two records; until then it is held back on this laptop.</source>
        <translation>Los dos son el mismo teléfono, agregado en dos escritorios antes de que las computadoras compartieran una sola identidad por teléfono. Pida a TI que una los dos registros; mientras tanto queda retenido en esta computadora.</translation>
    </message>
    <message>
        <source>Two different bags carry the same label. A supervisor gives one bag a new label; until then it is held back on this laptop.</source>
        <translation>Dos bolsas distintas tienen la misma etiqueta. Un supervisor le pone una etiqueta nueva a una de ellas; mientras tanto queda retenida en esta computadora.</translation>
    </message>
    <message>
        <source>Two personal phones carry the same property receipt number. A supervisor corrects the receipt number on one of them; until then it is held back on this laptop.</source>
        <translation>Dos teléfonos personales tienen el mismo número de recibo de pertenencias. Un supervisor corrige el número de recibo de uno de ellos; mientras tanto queda retenido en esta computadora.</translation>
    </message>
    <message>
        <source>It cannot be stored beside the record here. Tell IT; it is kept and tried again at every sync.</source>
        <translation>No se puede guardar junto al registro de aquí. Avísele a TI; se conserva y se intenta de nuevo en cada sincronización.</translation>
    </message>
    <message>
        <source>{record}, added by {made_by}, has the same {value} as {other} on this laptop.</source>
        <translation>{record}, agregado por {made_by}, tiene el mismo valor de {value} que {other} en esta computadora.</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>{record} belongs to {other}, which is held back too.</source>
        <translation>{record} pertenece a {other}, que también está retenido.</translation>
    </message>
    <message>
        <source>Nothing to do for this one: it is stored as soon as that one is.</source>
        <translation>Nada que hacer con este: se guarda en cuanto se guarde aquel.</translation>
    </message>
    <message>
        <source>{record} belongs to {other}.</source>
        <translation>{record} pertenece a {other}.</translation>
    </message>
    <message>
        <source>It is stored as soon as that arrives. If it is still here after a few syncs, tell IT.</source>
        <translation>Se guarda en cuanto llegue. Si sigue aquí después de varias sincronizaciones, avísele a TI.</translation>
    </message>
    <message>
        <source>It is stored at the next sync.</source>
        <translation>Se guarda en la próxima sincronización.</translation>
    </message>
    <message>
        <source>{record}, from {made_by}, has a {value} this version of the app cannot read.</source>
        <translation>{record}, de {made_by}, tiene un {value} que esta versión de la aplicación no puede leer.</translation>
    </message>
    <message>
        <source>Ask IT to update the app on this laptop. It is kept, and tried again at every sync.</source>
        <translation>Pida a TI que actualice la aplicación en esta computadora. Se conserva y se intenta de nuevo en cada sincronización.</translation>
    </message>
    <message>
        <source>a survivor recorded here</source>
        <translation>un sobreviviente registrado aquí</translation>
    </message>
    <message>
        <source>{sentence} is recorded as issued to two survivors: {survivor} on this laptop, and {other} at another desk.</source>
        <translation>{sentence} figura como entregado a dos sobrevivientes: {survivor} en esta computadora y {other} en otro escritorio.</translation>
    </message>
    <message>
        <source>Find out who has the phone. A supervisor corrects the other bedside record; then mark this settled.</source>
        <translation>Averigüe quién tiene el teléfono. Un supervisor corrige el otro registro de la atención; luego marque esto como resuelto.</translation>
    </message>
    <message>
        <source>this sign-in name</source>
        <translation>este nombre de usuario</translation>
    </message>
    <message>
        <source>Two people use the sign-in name {name}: {value} on this laptop, and {other}.</source>
        <translation>Dos personas usan el nombre de usuario {name}: {value} en esta computadora, y {other}.</translation>
    </message>
    <message>
        <source>a user here</source>
        <translation>un usuario de aquí</translation>
    </message>
    <message>
        <source>A supervisor renames one of them in {USERS_PLACE} (Rename…), then syncs. This card goes away with the rename.</source>
        <translation>Un supervisor le cambia el nombre a una de ellas en {USERS_PLACE} (Cambiar nombre…) y luego sincroniza. Esta tarjeta desaparece con el cambio.</translation>
    </message>
</context>
<context>
    <name>ui.sync.view</name>
    <message>
        <source>Sending changes</source>
        <translation>Enviando cambios</translation>
    </message>
    <message>
        <source>Sending the audit trail</source>
        <translation>Enviando el registro de auditoría</translation>
    </message>
    <message>
        <source>First sync: receiving records</source>
        <translation>Primera sincronización: recibiendo registros</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>Recibiendo cambios</translation>
    </message>
    <message>
        <source>{phase}: {done} of {total}</source>
        <translation>{phase}: {done} de {total}</translation>
    </message>
</context>
<context>
    <name>ui.today.today_view</name>
    <message>
        <source>Mine</source>
        <translation>Mías</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencidas</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Show my calls</source>
        <translation>Mostrar mis llamadas</translation>
    </message>
    <message>
        <source>Show unassigned calls</source>
        <translation>Mostrar las llamadas sin asignar</translation>
    </message>
    <message>
        <source>Show overdue calls</source>
        <translation>Mostrar las llamadas vencidas</translation>
    </message>
    <message>
        <source>Show all calls</source>
        <translation>Mostrar todas las llamadas</translation>
    </message>
    <message>
        <source>{own_phone} (own)</source>
        <translation>{own_phone} (propio)</translation>
    </message>
    <message>
        <source>no phone: home visit</source>
        <translation>sin teléfono: visita al hogar</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Call on</source>
        <translation>Llamar a</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Due at</source>
        <translation>Vence a las</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Asignada a</translation>
    </message>
    <message>
        <source>Encounter</source>
        <translation>Encuentro</translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation>Jurisdicción</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Last sync: {last}. Changes waiting to sync: {outbox_pending}.</source>
        <translation>Última sincronización: {last}. Cambios en espera de sincronizar: {outbox_pending}.</translation>
    </message>
    <message>
        <source> Sync conflicts to settle: {open_conflicts} in the Sync view.</source>
        <translation> Conflictos de sincronización por resolver: {open_conflicts} en la vista Sincronizar.</translation>
    </message>
    <message>
        <source> Records held back from central: {held_back} (the Sync view says why).</source>
        <translation> Registros retenidos de la central: {held_back} (la vista Sincronizar explica por qué).</translation>
    </message>
    <message>
        <source> The last sync did not finish: {sync_error}</source>
        <translation> La última sincronización no terminó: {sync_error}</translation>
    </message>
</context>
<context>
    <name>ui.widgets.languages</name>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
</context>
<context>
    <name>ui.widgets.moments</name>
    <message>
        <source>overdue {hours} h</source>
        <translation>vencida hace {hours} h</translation>
    </message>
    <message>
        <source>overdue {rest} min</source>
        <translation>vencida hace {rest} min</translation>
    </message>
    <message>
        <source>{hours} h {rest} min</source>
        <translation>{hours} h {rest} min</translation>
    </message>
    <message>
        <source>{rest} min</source>
        <translation>{rest} min</translation>
    </message>
</context>
<context>
    <name>ui.widgets.numbers</name>
    <message>
        <source>&lt;5</source>
        <comment>a count from 1 to 4, not shown</comment>
        <translation>&lt;5</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <comment>a share, e.g. 83%</comment>
        <translation>{percent}&#xa0;%</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <comment>hours, e.g. 21.5 h</comment>
        <translation>{hours} h</translation>
    </message>
</context>
<context>
    <name>ui.widgets.vocabulary</name>
    <message>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>contactado</translation>
    </message>
    <message>
        <source>engaged</source>
        <translation>en tratamiento</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>no aceptó</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>no localizable</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrado</translation>
    </message>
    <message>
        <source>in stock</source>
        <translation>en existencia</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>entregado</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>devuelto</translation>
    </message>
    <message>
        <source>contact info</source>
        <translation>datos de contacto</translation>
    </message>
    <message>
        <source>family contact</source>
        <translation>contacto con la familia</translation>
    </message>
    <message>
        <source>referral status</source>
        <translation>estado de la derivación</translation>
    </message>
    <message>
        <source>treatment outcome</source>
        <translation>resultado del tratamiento</translation>
    </message>
    <message>
        <source>phone call</source>
        <translation>llamada telefónica</translation>
    </message>
    <message>
        <source>text message</source>
        <translation>mensaje de texto</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>en persona</translation>
    </message>
    <message>
        <source>survivor called first</source>
        <translation>el sobreviviente llamó primero</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>no contestó</translation>
    </message>
    <message>
        <source>wrong number</source>
        <translation>número equivocado</translation>
    </message>
    <message>
        <source>intake scheduled</source>
        <translation>admisión programada</translation>
    </message>
    <message>
        <source>entered treatment</source>
        <translation>ingresó a tratamiento</translation>
    </message>
    <message>
        <source>police</source>
        <translation>policía</translation>
    </message>
    <message>
        <source>treatment staff</source>
        <translation>personal de tratamiento</translation>
    </message>
    <message>
        <source>peer support specialist</source>
        <translation>especialista de apoyo entre pares</translation>
    </message>
    <message>
        <source>not offered</source>
        <translation>no ofrecido</translation>
    </message>
    <message>
        <source>offered, not taken</source>
        <translation>ofrecido, no aceptado</translation>
    </message>
    <message>
        <source>given</source>
        <translation>dado</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>recogido</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>guardado</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>trasladado</translation>
    </message>
    <message>
        <source>the survivor</source>
        <translation>el sobreviviente</translation>
    </message>
    <message>
        <source>a family member</source>
        <translation>un familiar</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>perdido</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>dado de baja</translation>
    </message>
    <message>
        <source>assembled</source>
        <translation>preparada</translation>
    </message>
    <message>
        <source>handed over</source>
        <translation>entregada</translation>
    </message>
    <message>
        <source>burner phone</source>
        <translation>teléfono provisional</translation>
    </message>
    <message>
        <source>referral sheet</source>
        <translation>hoja de remisión</translation>
    </message>
    <message>
        <source>medication disposal bag</source>
        <translation>bolsa para desechar medicamentos</translation>
    </message>
    <message>
        <source>naloxone kit</source>
        <translation>kit de naloxona</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <source>issued at the bedside</source>
        <translation>se entrega junto a la cama</translation>
    </message>
    <message>
        <source>printed at the bedside</source>
        <translation>se imprime junto a la cama</translation>
    </message>
    <message>
        <source>naloxone nasal spray kit</source>
        <translation>kit de naloxona en aerosol nasal</translation>
    </message>
    <message>
        <source>survivor</source>
        <translation>sobreviviente</translation>
    </message>
    <message>
        <source>family</source>
        <translation>familia</translation>
    </message>
    <message>
        <source>bag</source>
        <translation>bolsa</translation>
    </message>
    <message>
        <source>consent</source>
        <translation>consentimiento</translation>
    </message>
    <message>
        <source>contact attempt</source>
        <translation>intento de contacto</translation>
    </message>
    <message>
        <source>custody</source>
        <translation>custodia</translation>
    </message>
    <message>
        <source>encounter</source>
        <translation>encuentro</translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>seguimiento</translation>
    </message>
    <message>
        <source>handout</source>
        <translation>folleto</translation>
    </message>
    <message>
        <source>home visit</source>
        <translation>visita al hogar</translation>
    </message>
    <message>
        <source>incident</source>
        <translation>incidente</translation>
    </message>
    <message>
        <source>referral</source>
        <translation>remisión</translation>
    </message>
    <message>
        <source>phone swap</source>
        <translation>intercambio de teléfono</translation>
    </message>
    <message>
        <source>drug intel</source>
        <translation>inteligencia sobre drogas</translation>
    </message>
    <message>
        <source>co-response call</source>
        <translation>llamada de respuesta conjunta</translation>
    </message>
    <message>
        <source>clinician&apos;s note</source>
        <translation>nota del clínico</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>sin asignar</translation>
    </message>
</context>
</TS>
